/**
 * A defensive cut of what is not the article, for text that reached us uncleaned or half-cleaned:
 * the WordPress footer ("The post ... appeared first on ...") and all after it, an author bio line
 * and all after it, "Related coverage" lists, wire credit lines, and a trailing run of short comment-like paragraphs.
 * lambdas/feeds/clean.ts does this properly on HTML; this keeps analysis safe on its own.
 */
import { isSpace } from './tokenize';

const FOOTER = /^The post .+ appeared first on /;
const RELATED = /^(Related( coverage| articles| stories| posts)?|Read more|See also|More on this)\s*:?\s*$/i;
// "Kyle Anzalone is the opinion editor of ...", "Ellen Marsh is a freelance writer ...", "Pieter de
// Vries is a Brussels-based journalist ..."
const BIO =
  /^[\p{Lu}][\p{L}.'’-]+ (?:(?:[\p{Lu}][\p{L}.'’-]+|de|da|di|del|der|den|van|von|al|el|bin|le|la|du|dos|das|ter) ){0,3}[\p{Lu}][\p{L}'’-]+,? (?:is|was|writes|has been|serves as|covers)\b.{0,200}\b(?:writer|editor|author|journalist|reporter|correspondent|analyst|researcher|fellow|director|columnist|contributor|host|co-host|professor|founder|veteran|freelance|editor-at-large|of Antiwar\.com|at Antiwar\.com)\b/u;
// Wire credits: "(Reporting by Jane Roe; Editing by John Doe)", "Additional reporting by ...".
const CREDITS = /^\(?(?:additional |further )?(?:reporting|writing|editing|compiled|research) by\b/i;
// The outlet's promotion of its own podcast or show: "Listen to the full episode on X's podcast feed."
const PROMO =
  /^(?:listen|watch|tune in)\b[^.]{0,80}?\b(?:episodes?|podcasts?|interviews?|conversations?|shows?)\b/i;
const COMMENTER = /^[\p{L}\p{N}_. -]{1,30}: \S/u;
const FIRST_PERSON = /\b(I|I'm|I’m|my|me|you|your|lol|LOL)\b|[?!]$|https?:\/\//;

/**
 * A bio names its role early in its first sentence ("X is a research fellow at ..."); a role word
 * further on ("Northrop Grumman is the prime contractor, ... the states that host the missiles") is
 * reporting, as lambdas/feeds/clean.ts reads it.
 */
function isBio(p: string): boolean {
  if (!BIO.test(p)) return false;
  const opening = (p.split(/(?<=[.!?])\s/)[0] ?? '').split(/\s+/).slice(0, 16).join(' ');
  return BIO.test(opening);
}

/** The number of words of `p`: runs of characters other than white space (as \s reads it). */
function words(p: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < p.length; i++) {
    const space = isSpace(p.charCodeAt(i));
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

function commentLike(p: string): boolean {
  const n = words(p);
  if (n >= 40) return false;
  return n < 20 || FIRST_PERSON.test(p) || COMMENTER.test(p);
}

/** A letter's signature on its own line: "— Janet Roe, Tucson, Ariz.". */
const SIGNATURE = /^[—–]\s*\p{Lu}[^\n]{0,80}$/u;

/** A paragraph without its signature lines (letters to the editor name their writers, not the news). */
function withoutSignatures(p: string): string {
  if (!p.includes('\n')) return SIGNATURE.test(p) && words(p) <= 12 ? '' : p;
  return p
    .split('\n')
    .filter((line) => !(SIGNATURE.test(line.trim()) && words(line) <= 12))
    .join('\n')
    .trim();
}

/**
 * A transcript's turn: a speaker's label ending in capitals ("Q:", "MS. WILSON:", "ADM. PAPARO:",
 * "Senator SHOEBRIDGE:") or a briefing's role ("Question:", "Spokesman:"), perhaps with a name in
 * brackets ("CHAIR (Senator Jane Roe):").
 */
const SPEAKER =
  /^(?:(?:[A-Z][A-Za-z.'’-]*\s){0,3}[A-Z][A-Z.'’-]+|Q|A|Question|Answer|Spokesman|Spokeswoman|Spokesperson|Moderator|Chair)(?:\s\([^()]{1,40}\))?:\s/;

/**
 * A turn labelled in mixed case ("Question: ...", "Spokesman: ...", "CHAIR (Senator Jane Roe): ..."):
 * a transcript's when the article's own paragraphs hold two or more, as reader comments never do.
 */
const TURN = /^\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,3}(?: \([^)]{1,40}\))?:\s/u;

/** Words of reporting: a short last paragraph that says who said or did what. */
const REPORTING = /\b(said|says|told|according to|announced|signed)\b/;

/**
 * A short wire story or newsletter ends in short sentences that report too ("The program also supports
 * the AUKUS partnership with Australia and the United Kingdom."); not a sign-off, a contact line or a
 * newsletter's colophon ("The Brief is written by X in Suva.", "Replies welcome.").
 */
const SIGN_OFF =
  /\b(?:written|compiled|edited|produced) (?:by|in)\b|\bcontacts?\b|@|\b(?:reply|replies|subscribe|forward this)\b/i;

function newsSentence(p: string): boolean {
  return words(p) >= 8 && /[.]["”’]?$/.test(p) && !SIGN_OFF.test(p);
}

/** Returns the article's own paragraphs. */
export function cutArticle(text: string): string[] {
  return cutArticleParts(text).kept;
}

/**
 * The article's own paragraphs, and the short paragraphs of a trailing run cut as comments that
 * read as reporting ("U.S. Forces Korea (USFK) said ...", before "(END)"): actor rules read those
 * too; the topic model reads only `kept`, the text it was trained on. A transcript's closing turns
 * are kept: a hearing's or briefing's short exchanges are often where its topic is (a senator's
 * "I'll be moving a new war powers resolution").
 */
export function cutArticleParts(text: string): { kept: string[]; reportingTail: string[] } {
  // A loop, not map(): see TopicModel.calibrate.
  const paras: string[] = [];
  for (const raw of text.split(/\n\s*\n/)) {
    const p = withoutSignatures(raw.trim());
    if (p && !CREDITS.test(p) && !(PROMO.test(p) && words(p) <= 30)) paras.push(p);
  }
  let end = paras.length;
  let marked = false;
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i]!;
    if (FOOTER.test(p) || RELATED.test(p) || (i > 0 && isBio(p) && words(p) < 70)) {
      end = i;
      marked = true;
      break;
    }
  }
  // Reader comments appended with no marker: a trailing run of short, chatty paragraphs.
  let reportingTail: string[] = [];
  if (!marked) {
    let j = end;
    while (j > 2 && commentLike(paras[j - 1]!)) j--;
    if (j < end && end - j >= 2) {
      // A transcript's turns ("QUESTION: ...", "MS. WILSON: ...") are what was said, not comments:
      // the run up to its last turn (unlabelled questions between turns too) stays the article's.
      const speakers = paras.filter((p) => SPEAKER.test(p)).length >= 3;
      const transcript = speakers && paras.slice(0, j).some((p) => SPEAKER.test(p));
      const turns = paras.slice(0, j).filter((p) => TURN.test(p)).length >= 2;
      const isTurn = (p: string) => (transcript && SPEAKER.test(p)) || (turns && TURN.test(p));
      let last = end;
      while (last > j && !isTurn(paras[last - 1]!)) last--;
      reportingTail = paras
        .slice(last, end)
        .filter(
          (p) =>
            (speakers && SPEAKER.test(p)) ||
            (turns && TURN.test(p)) ||
            ((REPORTING.test(p) || newsSentence(p)) && !FIRST_PERSON.test(p) && !COMMENTER.test(p)),
        );
      end = last;
    }
  }
  return { kept: paras.slice(0, end), reportingTail };
}
