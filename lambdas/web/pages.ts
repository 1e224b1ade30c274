/** Server-rendered pages: plain HTML forms that work without JavaScript. Every value goes through html``. */
import { TOPICS, topicLabel } from '../analysis/topics';
import { WEEKDAYS } from '../shared/delivery-time';
import { DEFAULT_DELIVERY_HOUR, MAX_FOLLOWED_ACTORS, type Subscriber } from '../shared/types';
import { CONSENT_TEXT } from '../subscribers/deps';
import type { TokenPurpose } from '../subscribers/tokens';
import { COMMON_ZONES, timeZones, utcOffset, zoneLabel } from '../subscribers/zones';
import { html, type SafeHtml } from './html';

export interface SiteInfo {
  name: string;
  postalAddress: string;
}

/** `head`: more of the document head, such as a feed's `<link rel="alternate">`. */
export function layout(site: SiteInfo, title: string, content: SafeHtml, head?: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · ${site.name}</title>
<link rel="stylesheet" href="/assets/site.css">
${head ?? ''}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><div class="inner"><a class="brand" href="/">${site.name}</a><span class="brand-note">the antiwar press, in your morning</span></div></header>
<main id="main">
${content}
</main>
<footer class="site"><p>${site.postalAddress}</p><p>No tracking, no ads. Every email has a one-click unsubscribe link.</p></footer>
</body>
</html>
`.value;
}

function notice(kind: 'ok' | 'error', text: string | undefined): SafeHtml {
  if (!text) return html``;
  return kind === 'error'
    ? html`<div class="notice error" role="alert" id="form-error"><p>${text}</p></div>`
    : html`<div class="notice" role="status"><p>${text}</p></div>`;
}

function topicCheckboxes(checked: readonly string[]): SafeHtml {
  const on = new Set(checked);
  return html`<div class="topics">${TOPICS.map(
    (t) => html`
<label class="topic" for="topic-${t.id}"><input type="checkbox" id="topic-${t.id}" name="topics" value="${t.id}" aria-labelledby="topic-${t.id}-name" aria-describedby="topic-${t.id}-desc"${on.has(t.id) ? html` checked` : ''}><span><span class="name" id="topic-${t.id}-name">${t.label}</span><span class="desc" id="topic-${t.id}-desc">${t.description}</span></span></label>`,
  )}
</div>`;
}

/**
 * Canonical zone names with their offset now, the common ones first, then every zone by region.
 * The labels depend on the hour (offsets move with DST), so they are built once an hour.
 */
function timeZoneSelect(selected: string, now: Date): SafeHtml {
  const option = (tz: string) =>
    html`<option value="${tz}"${tz === selected ? html` selected` : ''}>${zoneOption(tz, now)}</option>`;
  const groups = new Map<string, string[]>();
  for (const tz of timeZones()) {
    const region = tz.includes('/') ? tz.slice(0, tz.indexOf('/')) : 'Other';
    groups.set(region, [...(groups.get(region) ?? []), tz]);
  }
  // A zone appears once: selected in the common group if it is there, else in its region.
  const common = new Set(COMMON_ZONES);
  return html`<select id="timeZone" name="timeZone" autocomplete="off" aria-describedby="timeZone-hint"><optgroup label="Common">${COMMON_ZONES.map(option)}</optgroup>${[
    ...groups,
  ].map(
    ([region, zones]) =>
      html`<optgroup label="${region}">${zones.filter((z) => !common.has(z)).map(option)}</optgroup>`,
  )}</select>`;
}

const optionLabels = new Map<string, string>();
let optionHour = -1;
function zoneOption(tz: string, now: Date): string {
  const hour = Math.floor(now.getTime() / 3_600_000);
  if (hour !== optionHour) {
    optionLabels.clear();
    optionHour = hour;
  }
  let label = optionLabels.get(tz);
  if (!label) {
    const offset = utcOffset(tz, now).replace('-', '\u2212');
    label = tz === 'UTC' ? 'UTC' : `${zoneLabel(tz)} (UTC${offset})`;
    optionLabels.set(tz, label);
  }
  return label;
}

const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * "How often": every day, or once a week on a chosen day (the select is read only with "weekly":
 * no script hides it).
 */
function cadenceFieldset(weeklyOn: number | undefined, defaultDay: number, invalid = false): SafeHtml {
  const day = weeklyOn ?? defaultDay;
  return html`<fieldset class="cadence"${invalid ? html` aria-describedby="form-error"` : ''}>
    <legend>How often</legend>
    <span class="hint" id="cadence-hint">The weekly edition holds the week's top stories of each topic, and who was most in the news; it comes at your delivery time on that day.</span>
    <label class="choice" for="cadence-daily"><input type="radio" id="cadence-daily" name="cadence" value="daily" aria-describedby="cadence-hint"${weeklyOn ? '' : html` checked`}> Every day</label>
    <label class="choice" for="cadence-weekly"><input type="radio" id="cadence-weekly" name="cadence" value="weekly" aria-describedby="cadence-hint"${weeklyOn ? html` checked` : ''}> Once a week, on</label>
    <label for="weekday" class="visually-hidden">Day of the weekly edition</label><select id="weekday" name="weekday">${WEEKDAYS.map(
      (name, i) => html`<option value="${i + 1}"${i + 1 === day ? html` selected` : ''}>${name}</option>`,
    )}</select>
  </fieldset>`;
}

/** "every day" or "every Friday". */
export const cadenceText = (weeklyOn: number | undefined) =>
  weeklyOn ? `every ${WEEKDAYS[weeklyOn - 1]}` : 'every day';

function hourSelect(selected: number): SafeHtml {
  return html`<select id="deliveryHour" name="deliveryHour" aria-describedby="deliveryHour-hint">${Array.from(
    { length: 24 },
    (_, h) => html`<option value="${h}"${h === selected ? html` selected` : ''}>${pad(h)}</option>`,
  )}</select>`;
}

/** "Wed 3 Dec at 06:00, Kyiv time": when a digest arrives, in the reader's own zone. */
export function deliveryText(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const zone = timeZone === 'UTC' ? 'UTC' : `${zoneLabel(timeZone)} time`;
  return `${part('weekday')} ${part('day')} ${part('month')} at ${part('hour')}:${part('minute')}, ${zone}`;
}

export interface SubscribeForm {
  email?: string;
  /** Chosen topics; none means every topic. */
  topics?: readonly string[];
  timeZone: string;
  deliveryHour?: number;
  error?: string;
  /** Which field the error is about, so it gets aria-invalid. */
  errorField?: 'email' | 'topics' | 'timeZone' | 'deliveryHour' | 'cadence';
  /** The weekly edition's day, when weekly was chosen. */
  weeklyOn?: number;
  /** The day preselected for a weekly edition: today's. */
  defaultWeekday?: number;
  /** A real edition to read before signing up (the newest in the archive); none, none linked. */
  sampleHref?: string;
}

export function subscribePage(site: SiteInfo, form: SubscribeForm, now: Date): string {
  const emailInvalid = form.errorField === 'email';
  const chosen = form.topics ?? [];
  return layout(
    site,
    'Subscribe',
    html`<h1>The antiwar press, in one email</h1>
<p class="lede">Each morning, or once a week if you prefer, the reporting of independent antiwar outlets, one entry per story. Free, no tracking.${form.sampleHref ? html` <a href="${form.sampleHref}" id="sample-digest">Read the latest digest</a>.` : ''}</p>
${notice('error', form.error)}
<form class="card" method="post" action="/subscribe" novalidate>
  <div class="field">
    <label for="email">Your email address</label>
    <input type="email" id="email" name="email" required maxlength="254" autocomplete="email" inputmode="email" spellcheck="false" value="${form.email ?? ''}"${emailInvalid ? html` aria-invalid="true" aria-describedby="form-error"` : ''}>
  </div>
  <fieldset${form.errorField === 'topics' ? html` aria-describedby="form-error"` : ''}>
    <legend>Topics</legend>
    <p class="all-topics" id="all-topics">All topics, unless you choose some below.</p>
    <details${chosen.length > 0 || form.errorField === 'topics' ? html` open` : ''}>
      <summary>Choose topics</summary>
      <span class="hint">Tick the ones you want; none ticked means all. You can change them later from any digest.</span>
      ${topicCheckboxes(chosen)}
    </details>
  </fieldset>
  <div class="field">
    <label for="timeZone">Your time zone</label>
    <span class="hint" id="timeZone-hint">The digest arrives in your morning, by this zone's clock.</span>
    ${timeZoneSelect(form.timeZone, now)}
  </div>
  <div class="field">
    <label for="deliveryHour">Delivery time</label>
    <span class="hint" id="deliveryHour-hint">The hour it arrives, your time.</span>
    ${hourSelect(form.deliveryHour ?? DEFAULT_DELIVERY_HOUR)}
  </div>
  ${cadenceFieldset(form.weeklyOn, form.defaultWeekday ?? 1, form.errorField === 'cadence')}
  <div class="hp" aria-hidden="true"><label for="website">Leave this field empty</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
  <p class="consent">${CONSENT_TEXT} We will first send you an email to confirm the address.</p>
  <div class="actions"><button type="submit">Subscribe</button></div>
</form>
<p class="hint">Already subscribed? <a href="/preferences">Get a link to your preferences</a>.</p>`,
  );
}

export interface FirstDigest {
  at: Date;
  timeZone: string;
}

export function checkInboxPage(site: SiteInfo, email: string, first?: FirstDigest): string {
  return layout(
    site,
    'Check your inbox',
    html`<h1>Check your inbox</h1>
<div class="card"><p>We sent a message to <strong id="typed-email">${email}</strong>. Open the link in it within 48 hours to confirm your subscription.${first ? html` Confirm now and your first digest arrives <strong>${deliveryText(first.at, first.timeZone)}</strong>.` : ''}</p>
<p>Nothing arrives? Check the address above and your spam folder. If we wrote to this address in the last few minutes, that link still works; <a href="/subscribe">try again</a> later if it does not come.</p></div>`,
  );
}

export function confirmPromptPage(
  site: SiteInfo,
  token: string,
  topics: readonly string[],
  weeklyOn?: number,
): string {
  return layout(
    site,
    'Confirm your subscription',
    html`<h1>Confirm your subscription</h1>
<form class="card" method="post" action="/confirm">
  <p>You asked for the ${weeklyOn ? `weekly edition (${cadenceText(weeklyOn)})` : 'daily digest'} on: <strong>${topicsText(topics)}</strong>.</p>
  <input type="hidden" name="token" value="${token}">
  <div class="actions"><button type="submit">Yes, subscribe me</button></div>
</form>
<p class="hint">One click is needed so that mail scanners following links cannot subscribe anyone.</p>`,
  );
}

const topicsText = (topics: readonly string[]) =>
  topics.length >= TOPICS.length ? 'all topics' : topics.map(topicLabel).join(', ');

export function confirmedPage(site: SiteInfo, s: Subscriber, preferencesPath: string, first: Date): string {
  return layout(
    site,
    'Subscription confirmed',
    html`<h1>You're subscribed</h1>
${notice('ok', `Confirmed: ${s.email} will get the ${s.weeklyOn ? 'weekly edition' : 'daily digest'}.`)}
<div class="card"><h2>Your digest</h2><p>On ${topicsText(s.topics)}, ${cadenceText(s.weeklyOn)} at ${pad(s.deliveryHour ?? DEFAULT_DELIVERY_HOUR)} ${zoneLabel(s.timeZone)} time.</p>
<p id="first-digest">The first one arrives <strong>${deliveryText(first, s.timeZone)}</strong>.</p>
<div class="actions"><a class="button secondary" href="${preferencesPath}">Change preferences</a></div></div>`,
  );
}

/** A confirmation link opened again after it worked. */
export function alreadySubscribedPage(site: SiteInfo, preferencesPath: string): string {
  return layout(
    site,
    "You're already subscribed",
    html`<h1>You're already subscribed</h1>
<div class="card"><p>This link has done its job: the address is confirmed and the digest is on its way each morning.</p>
<div class="actions"><a class="button secondary" href="${preferencesPath}">See your preferences</a></div></div>`,
  );
}

function statusText(s: Subscriber): { text: string; on: boolean } {
  switch (s.status) {
    case 'confirmed':
      return s.paused
        ? { text: 'Paused', on: false }
        : { text: s.weeklyOn ? 'Receiving the weekly edition' : 'Receiving the daily digest', on: true };
    case 'pending':
      return { text: 'Waiting for confirmation', on: false };
    case 'unsubscribed':
      return { text: 'Unsubscribed', on: false };
    case 'bounced':
      return { text: 'Stopped: mail to this address bounced', on: false };
    case 'complained':
      return { text: 'Stopped: this address reported our mail as spam', on: false };
  }
}

export interface PreferencesView {
  subscriber: Subscriber;
  token: string;
  unsubscribePath: string;
  /** When the next digest goes out, for a confirmed subscriber who is not paused. */
  nextDigest?: Date;
  now: Date;
  notice?: string;
  error?: string;
  /** Unsaved form values to show again after an error. */
  topics?: readonly string[];
  timeZone?: string;
  deliveryHour?: number;
  /** The day preselected for a weekly edition when none is chosen yet: today's. */
  defaultWeekday?: number;
  /** The followed actors, with their names (the record keeps ids). */
  following?: readonly FollowedActor[];
  /** What the follow field found when it was not one actor. */
  follow?: FollowLookup;
}

export interface FollowedActor {
  id: string;
  name: string;
  /** person, state or organization */
  type?: string;
}

/** The follow field's outcome when it needs the reader again. */
export interface FollowLookup {
  /** What was typed. */
  query: string;
  /** Several actors it may mean (or, for a name nobody has, near ones): each a button. */
  candidates: readonly FollowedActor[];
  /** The name matched nobody. */
  unknown?: boolean;
}

const typeLabel: Record<string, string> = { person: 'person', state: 'state', organization: 'organisation' };

/** Who the reader follows, each with a button to stop; the field to follow someone; candidates. */
function followCard(v: PreferencesView): SafeHtml {
  const following = v.following ?? [];
  const hidden = html`<input type="hidden" name="token" value="${v.token}">`;
  const full = following.length >= MAX_FOLLOWED_ACTORS;
  const lookup = v.follow;
  return html`<div class="card" id="follow">
  <h2>People, states and organisations you follow</h2>
  <p class="hint" id="follow-hint">Stories naming them open your digest under “You follow”, whatever their topics. Up to ${MAX_FOLLOWED_ACTORS}.</p>
  ${
    following.length
      ? html`<ul class="followed" aria-label="You follow">${following.map(
          (a) =>
            html`<li><span class="who">${a.name}${a.type ? html` <span class="kind">${typeLabel[a.type] ?? a.type}</span>` : ''}</span><form method="post" action="/preferences#follow">${hidden}<input type="hidden" name="actor" value="${a.id}"><button type="submit" class="secondary small" name="action" value="unfollow">Stop following<span class="visually-hidden"> ${a.name}</span></button></form></li>`,
        )}</ul>`
      : html`<p>You follow no one yet.</p>`
  }
  ${
    lookup?.candidates.length
      ? html`<div class="candidates" role="group" aria-labelledby="candidates-label"><p id="candidates-label"><strong>${
          lookup.unknown
            ? html`We know no one called “${lookup.query}”. Did you mean:`
            : html`“${lookup.query}” may mean:`
        }</strong></p><ul>${lookup.candidates.map(
          (a) =>
            html`<li><form method="post" action="/preferences#follow">${hidden}<input type="hidden" name="actor" value="${a.id}"><button type="submit" class="secondary small" name="action" value="follow">Follow ${a.name}</button>${a.type ? html` <span class="kind">${typeLabel[a.type] ?? a.type}</span>` : ''}</form></li>`,
        )}</ul></div>`
      : ''
  }
  ${
    full
      ? html`<p>You follow ${MAX_FOLLOWED_ACTORS}, the most one reader can. Stop following one to follow someone else.</p>`
      : html`<form method="post" action="/preferences#follow">${hidden}
    <label for="actorName">Follow someone</label>
    <span class="hint" id="actorName-hint">A name as the news writes it: Kim Jong Un, NATO, Yemen, Congress.</span>
    <div class="search"><input type="text" id="actorName" name="actorName" maxlength="120" autocomplete="off" spellcheck="false" value="${lookup?.query ?? ''}" aria-describedby="actorName-hint follow-hint"><button type="submit" name="action" value="follow">Follow</button></div>
  </form>`
  }
</div>`;
}

export function preferencesPage(site: SiteInfo, v: PreferencesView): string {
  const s = v.subscriber;
  const status = statusText(s);
  const active = s.status === 'confirmed' || s.status === 'pending';
  return layout(
    site,
    'Your preferences',
    html`<h1>Your preferences</h1>
<p class="lede">For <strong>${s.email}</strong> · <span class="status${status.on ? '' : ' off'}" id="status">${status.text}</span></p>
${notice('ok', v.notice)}${notice('error', v.error)}
${v.nextDigest ? html`<p id="next-digest">Your next digest arrives <strong>${deliveryText(v.nextDigest, s.timeZone)}</strong>.</p>` : ''}
${
  s.status === 'unsubscribed' && s.confirmedAt
    ? html`<form class="card" method="post" action="/preferences">
  <h2>Changed your mind?</h2>
  <p>You get no email from us now. Subscribe again with the topics below.</p>
  <input type="hidden" name="token" value="${v.token}">
  <div class="actions"><button type="submit" name="action" value="resubscribe">Subscribe again</button></div>
</form>`
    : ''
}
<form class="card" method="post" action="/preferences">
  <input type="hidden" name="token" value="${v.token}">
  <fieldset>
    <legend>Topics</legend>
    ${topicCheckboxes(v.topics ?? s.topics)}
  </fieldset>
  <div class="field">
    <label for="timeZone">Your time zone</label>
    <span class="hint" id="timeZone-hint">The digest arrives in your morning, by this zone's clock.</span>
    ${timeZoneSelect(v.timeZone ?? s.timeZone, v.now)}
  </div>
  <div class="field">
    <label for="deliveryHour">Delivery time</label>
    <span class="hint" id="deliveryHour-hint">The hour it arrives, your time.</span>
    ${hourSelect(v.deliveryHour ?? s.deliveryHour ?? DEFAULT_DELIVERY_HOUR)}
  </div>
  ${cadenceFieldset(s.weeklyOn, v.defaultWeekday ?? 1)}
  <div class="actions"><button type="submit" name="action" value="save">Save preferences</button></div>
</form>
${followCard(v)}
${
  s.status === 'confirmed'
    ? html`<form class="card" method="post" action="/preferences">
  <h2>${s.paused ? 'Resume the digest' : 'Take a break'}</h2>
  <p>${s.paused ? 'Your digest is paused. Resume it whenever you like.' : 'Pause the digest without losing your choices.'}</p>
  <input type="hidden" name="token" value="${v.token}">
  <div class="actions">${
    s.paused
      ? html`<button type="submit" name="action" value="resume">Resume the digest</button>`
      : html`<button type="submit" class="secondary" name="action" value="pause">Pause the digest</button>`
  }</div>
</form>`
    : ''
}<div class="card">
  <h2>Your data</h2>
  <p>Download everything we keep about you: your address, choices and the record of your consent.</p>
  <div class="actions"><a class="button secondary" href="/preferences/export?token=${encodeURIComponent(v.token)}" download>Download my data (JSON)</a></div>
</div>
<form class="card" method="post" action="/preferences">
  <h2>Sign out every link</h2>
  <p>Forwarded a digest? Links to this page in emails you already have stop working, this one included. We email you a fresh link. The unsubscribe links keep working.</p>
  <input type="hidden" name="token" value="${v.token}">
  <div class="actions"><button type="submit" class="secondary" name="action" value="sign-out">Sign out every link</button></div>
</form>
${
  active
    ? html`<form class="card" method="post" action="${v.unsubscribePath}">
  <h2>Unsubscribe</h2>
  <p>Stop all email from ${site.name}. You can come back at any time.</p>
  <div class="actions"><button type="submit" class="danger secondary">Unsubscribe</button></div>
</form>`
    : ''
}
<form class="card" method="post" action="/preferences">
  <h2>Delete me</h2>
  <p>Erase your address and everything attached to it.</p>
  <input type="hidden" name="token" value="${v.token}">
  <div class="actions"><button type="submit" class="danger secondary" name="action" value="delete">Delete my data…</button></div>
</form>`,
  );
}

export function deleteConfirmPage(site: SiteInfo, s: Subscriber, token: string): string {
  return layout(
    site,
    'Delete your data',
    html`<h1>Delete your data?</h1>
<form class="card" method="post" action="/preferences">
  <p>This erases <strong>${s.email}</strong>, your topics, your consent record and the record of the digests we sent you. It cannot be undone; to receive the digest again you would subscribe anew.</p>
  <input type="hidden" name="token" value="${token}">
  <div class="actions">
    <button type="submit" class="danger" name="action" value="delete-confirm">Yes, delete everything</button>
    <a class="button secondary" href="/preferences?token=${encodeURIComponent(token)}">Cancel</a>
  </div>
</form>`,
  );
}

export function deletedPage(site: SiteInfo): string {
  return layout(
    site,
    'Data deleted',
    html`<h1>Your data is deleted</h1>
<div class="card"><p>We no longer hold your address or preferences, and will not email you again.</p>
<p><a href="/subscribe">Subscribe again</a></p></div>`,
  );
}

/** After "sign out every link": the fresh link went to the address, never to this page. */
export function signedOutPage(site: SiteInfo, emailed: boolean): string {
  return layout(
    site,
    'Every link signed out',
    html`<h1>Every link is signed out</h1>
<div class="card"><p>Links to your preferences in emails you already have no longer work, including the one you used.</p>
<p>${emailed ? 'A fresh link is on its way to your inbox.' : 'We wrote to you a moment ago, so no new email went out now; ask for a fresh link from the subscribe page in a little while.'}</p></div>`,
  );
}

/** The one-click target's button page: it names no address, since its link travels in mail headers. */
export function unsubscribePromptPage(site: SiteInfo, active: boolean, actionPath: string): string {
  return layout(
    site,
    'Unsubscribe',
    active
      ? html`<h1>Unsubscribe?</h1>
<form class="card" method="post" action="${actionPath}">
  <p>Stop the daily digest from ${site.name} to the address this link was sent to.</p>
  <div class="actions"><button type="submit">Unsubscribe</button></div>
</form>`
      : html`<h1>You are not subscribed</h1>
<div class="card"><p>The address this link was sent to receives no digest from us.</p></div>`,
  );
}

/**
 * After an unsubscribe. The unsubscribe link can only unsubscribe, so this page shows neither the
 * address nor a preferences link; undoing goes through a fresh link mailed to the address.
 */
export function unsubscribedPage(site: SiteInfo, token: string | undefined): string {
  return layout(
    site,
    'Unsubscribed',
    html`<h1>You're unsubscribed</h1>
${notice('ok', token ? `You will get no more digests from ${site.name}.` : 'This address is no longer on our list.')}
${
  token
    ? html`<form class="card" method="post" action="/preferences/link">
  <p>Unsubscribed by mistake? We can email you a link to subscribe again.</p>
  <input type="hidden" name="token" value="${token}">
  <input type="hidden" name="purpose" value="unsubscribe">
  <div class="actions"><button type="submit" class="secondary">Email me a link</button></div>
</form>`
    : html`<div class="card"><p><a href="/subscribe">Subscribe again</a></p></div>`
}`,
  );
}

/** An authentic link that expired or was signed out: it may ask for a fresh one, sent to the address. */
export function expiredLinkPage(
  site: SiteInfo,
  message: string,
  token: string,
  purpose: TokenPurpose,
): string {
  return layout(
    site,
    'This link has expired',
    html`<h1>This link has expired</h1>
<form class="card" method="post" action="/preferences/link">
  <p>${message}</p>
  <p>We can email a fresh link to the address it was sent to.</p>
  <input type="hidden" name="token" value="${token}">
  <input type="hidden" name="purpose" value="${purpose}">
  <div class="actions"><button type="submit">Email me a fresh link</button></div>
</form>`,
  );
}

/** "Email me a link to my preferences", for a reader with no link at hand. */
export function linkRequestPage(site: SiteInfo, form: { email?: string; error?: string } = {}): string {
  return layout(
    site,
    'Manage your subscription',
    html`<h1>Manage your subscription</h1>
<p class="lede">Every digest has a link to your preferences at the bottom. No digest at hand? We can email you one.</p>
${notice('error', form.error)}
<form class="card" method="post" action="/preferences/link" novalidate>
  <div class="field">
    <label for="email">Your email address</label>
    <input type="email" id="email" name="email" required maxlength="254" autocomplete="email" inputmode="email" spellcheck="false" value="${form.email ?? ''}"${form.error ? html` aria-invalid="true" aria-describedby="form-error"` : ''}>
  </div>
  <div class="actions"><button type="submit">Email me a link</button></div>
</form>`,
  );
}

/** The same answer whether or not a link went out, so the form tells nobody who is subscribed. */
export function linkSentPage(site: SiteInfo): string {
  return layout(
    site,
    'Check your inbox',
    html`<h1>Check your inbox</h1>
<div class="card"><p>If that address gets our digest, a link to its preferences is on its way. It works for 30 days.</p>
<p>Nothing arrives within a few minutes? Look in your spam folder. We send at most a few such emails a day to one address.</p></div>`,
  );
}

export function messagePage(
  site: SiteInfo,
  title: string,
  message: string,
  link?: { href: string; text: string },
): string {
  return layout(
    site,
    title,
    html`<h1>${title}</h1>
<div class="card"><p>${message}</p>${link ? html`<p><a href="${link.href}">${link.text}</a></p>` : ''}</div>`,
  );
}
