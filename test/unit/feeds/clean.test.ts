import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanArticle, splitSentences } from '../../../lambdas/feeds/clean';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../fixtures/feeds', name), 'utf8');

const ARTICLE_PARAGRAPHS = [
  'Lawmakers in Berlin voted on Thursday to extend the mandate of German troops in the Mediterranean for another year, after a debate that lasted well into the night and exposed deep divisions within the governing coalition over the purpose of the mission.',
  'The Defense Minister, Boris Pistorius, said the deployment was needed to protect shipping lanes. Opposition members replied that the mission had grown without any new vote, and that its costs had nearly doubled since it began, according to figures from the finance ministry.',
  'Peace groups gathered outside the Bundestag during the vote. Their spokeswoman said that the country was sliding into permanent deployments abroad without a public debate about what they were supposed to achieve or when they would end.',
];
const body = ARTICLE_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n');

describe('cleanArticle', () => {
  it('cuts the author bio and the reader comments that follow it when there is no footer (seed shape)', () => {
    const out = cleanArticle({ html: fixture('seed-shape.txt') });
    expect(out.text).toContain('switch off their transponders');
    expect(out.text).toContain('poor seamanship.');
    expect(out.text).not.toContain('Jonas Pirtti');
    expect(out.text).not.toContain('Sabotage my foot');
    expect(out.text).not.toContain('uploads.example-cdn.net');
    expect(out.text.split('\n\n')).toHaveLength(4);
    expect(out.summary).not.toContain('Pirtti');
  });

  it('cuts the seed shape the same way when it arrives as HTML paragraphs with the bio in italics', () => {
    const lines = fixture('seed-shape.txt').trim().split('\n');
    const html = lines
      .map((l) => (l.startsWith('Jonas Pirtti') ? `<p><em>${l}</em></p>` : `<p>${l}</p>`))
      .join('\n');
    const out = cleanArticle({ html });
    expect(out.text.split('\n\n')).toHaveLength(4);
    expect(out.html).not.toContain('Pirtti');
    expect(out.html).not.toContain('Stubb wants');
  });

  it('removes the WordPress footer and every comment after it', () => {
    const html = `${body}
<p>The post <a href="https://news.example.org/2024/01/01/x/">Bundestag Extends Mission</a> appeared first on <a href="https://news.example.org">Example News</a>.</p>
<p>Gary M: Nobody asked the voters.</p>
<p>sandra_b: Same as always.</p>`;
    const out = cleanArticle({ html, title: 'Bundestag Extends Mission' });
    expect(out.text).toBe(ARTICLE_PARAGRAPHS.join('\n\n'));
    expect(out.html).not.toContain('appeared first on');
    expect(out.html).not.toContain('Gary M');
  });

  it('removes a bio placed before the footer', () => {
    const html = `${body}\n<p><em>Martin Vogel is a contributing writer at Example.org who covers European defense.</em></p>
<p>The post <a href="https://example.org/x">X</a> appeared first on <a href="https://example.org">Example</a>.</p>`;
    const out = cleanArticle({ html });
    expect(out.text).not.toContain('Martin Vogel');
    expect(out.wordCount).toBe(ARTICLE_PARAGRAPHS.join(' ').split(/\s+/).length);
  });

  it('removes a closing bio whose name has a particle ("de", "van", "al")', () => {
    for (const name of ['Joost van Aalderen', 'Marta de la Fuente', 'Karim al Haddadi']) {
      const html = `${body}\n<p><em>${name} is a Brussels-based journalist who covers European defense industry.</em></p>`;
      const out = cleanArticle({ html });
      expect(out.text).not.toContain(name);
      expect(out.text).toBe(ARTICLE_PARAGRAPHS.join('\n\n'));
    }
  });

  it("removes the outlet's promotion of its own podcast or show at the end", () => {
    for (const line of [
      "Listen to the full episode on the Example Institute's podcast feed.",
      'Watch the whole interview on our YouTube channel.',
      'This article was originally published by Example Review.',
      'A version of this story first appeared in the Example Weekly.',
    ]) {
      const out = cleanArticle({ html: `${body}\n<p><em>${line}</em></p>` });
      expect(out.text).toBe(ARTICLE_PARAGRAPHS.join('\n\n'));
    }
    const news = 'Listeners to the state broadcaster heard the minister read the decree twice.';
    expect(cleanArticle({ html: `${body}\n<p>${news}</p>` }).text).toContain(news);
  });

  it('keeps reporting that names a journalist by a particle name in the middle of the story', () => {
    const middle =
      '<p>Joost van Aalderen is a journalist who was detained at the border on Monday and held for six hours.</p>';
    const html = `${body}\n${middle}\n${body}`;
    expect(cleanArticle({ html }).text).toContain('Joost van Aalderen is a journalist');
  });

  it('keeps the reporting after a mid-article paragraph that reads like a bio line', () => {
    const middle =
      '<p>The White House was less specific. Press secretary Karoline Leavitt said President Donald Trump wants China at the table.</p>';
    const after =
      '<p>Hawks in Congress want more than a pause. Sen. Deb Fischer, who sits on the Senate Armed Services Committee, said the expiry frees the Pentagon to upload additional warheads onto existing missiles and submarines within a few years, which arms control groups called a return to the worst days of the Cold War.</p>';
    const html = `${body}\n${middle}\n${after}\n<p>The post <a href="https://example.org/x">X</a> appeared first on <a href="https://example.org">Example</a>.</p>`;
    const out = cleanArticle({ html });
    expect(out.text).toContain('The White House was less specific');
    expect(out.text).toContain('Hawks in Congress');
  });

  it('keeps the reporting after a late paragraph whose role word comes only far into it', () => {
    const late =
      '<p>Northrop Grumman is the prime contractor, and its lobbying, along with that of senators from the states that host the missiles, has protected the program through every budget cycle.</p>';
    const html = `${body}\n${late}\n<p>Congress could pause the program and commission an independent review.</p>`;
    const out = cleanArticle({ html });
    expect(out.text).toContain('Northrop Grumman is the prime contractor');
    expect(out.text).toContain('Congress could pause the program');
  });

  it('keeps a short paragraph that opens with a word that only begins like boilerplate ("Shares in ...")', () => {
    const html = `${body}\n<p>Shares in arms makers including Rheinmetall have more than doubled this year.</p>`;
    expect(cleanArticle({ html }).text).toContain('Shares in arms makers');
    expect(cleanArticle({ html: `${body}\n<p>Share this article</p>` }).text).not.toContain('Share this');
  });

  it('keeps a short paragraph that opens with a button\'s word used in a sentence ("Share prices ...")', () => {
    for (const line of [
      'Share prices of all four contractors rose by a fifth after the award.',
      "Like this year's budget, the bill leaves the Pentagon's audit for later.",
      'Print media in Belgrade ran the ministry statement in full.',
      'Subscribers to the service were told nothing of the intercepts.',
    ]) {
      expect(cleanArticle({ html: `${body}\n<p>${line}</p>` }).text).toContain(line);
    }
    for (const button of [
      'Share',
      'Share:',
      'Print',
      'Like this:',
      'Subscribe',
      'Subscribe to our newsletter',
    ]) {
      expect(cleanArticle({ html: `${body}\n<p>${button}</p>` }).text).not.toContain(button);
    }
  });

  it('keeps a paragraph about a person in the opening of the article', () => {
    const html = `<p>Olaf Scholz is the chancellor of Germany and faces a difficult vote in the Bundestag this week on the future of the naval mission.</p>${body}`;
    expect(cleanArticle({ html }).text).toContain('Olaf Scholz is the chancellor');
  });

  it('drops a trailing run of short reader comments that has no marker', () => {
    const html = `${body}\n<p>Berlin could end this tomorrow. It won't.</p>\n<p>Ask the taxpayers what it costs.</p>\n<p>Pistorius is the only adult here.</p>`;
    const out = cleanArticle({ html });
    expect(out.text).toBe(ARTICLE_PARAGRAPHS.join('\n\n'));
  });

  it("keeps a briefing's closing exchanges, short turns of a transcript whose turns began before them", () => {
    const turns = [
      'Question: Has the regional bloc asked to send its forces back into the province this year?',
      'Spokesman: That is a question for the bloc. I am not aware of any request.',
      'Question: Will the Secretary-General attend the summit next month?',
      'Spokesman: He will travel there at the end of the month. Thank you.',
    ];
    const html = `${body}\n<p>Question: ${ARTICLE_PARAGRAPHS[0]}</p>\n${turns.map((t) => `<p>${t}</p>`).join('\n')}`;
    const out = cleanArticle({ html });
    for (const t of turns) expect(out.text).toContain(t);
    // Short comments with no speaker's label still go.
    const comments = `${body}\n<p>Question: ${ARTICLE_PARAGRAPHS[0]}</p>\n<p>Berlin could end this.</p>\n<p>Ask the taxpayers.</p>\n<p>Nobody listens.</p>`;
    expect(cleanArticle({ html: comments }).text).not.toContain('Nobody listens.');
  });

  it("keeps a wire story's two short closing lines before its credit line", () => {
    const html = `${body}\n<p>"We will not be rushed," Pistorius told the agency.</p>\n<p>The vote passed by twelve.</p>\n<p><em>(Reporting by Jane Roe; Editing by John Doe)</em></p>`;
    const out = cleanArticle({ html });
    expect(out.text).toContain('Pistorius told the agency.');
    expect(out.text).toContain('passed by twelve.');
  });

  it('keeps a single short closing line of the article', () => {
    const html = `${body}\n<p>The vote passed by a margin of twelve.</p>`;
    expect(cleanArticle({ html }).text).toContain('margin of twelve.');
  });

  it('removes related-coverage lists, share boilerplate and continue-reading links', () => {
    const html = `${body}
<p>Share this:</p>
<p>Related coverage:</p>
<ul><li><a href="https://example.org/a">Earlier story</a></li></ul>
<p>The rest is here. <a href="https://example.org/more">Continue reading →</a></p>`;
    const out = cleanArticle({ html });
    expect(out.text).not.toMatch(/Share this|Related coverage|Earlier story|Continue reading/);
    expect(out.text).toContain('The rest is here.');
  });

  it('removes a list of share buttons', () => {
    const html = `${body}<ul><li><a href="https://x.example/share">Click to share on X (Opens in new window)</a></li><li><a href="https://fb.example/s">Facebook</a></li><li>Email</li><li>Print</li></ul><p>Like this:</p><p>Loading...</p>`;
    expect(cleanArticle({ html }).text).toBe(ARTICLE_PARAGRAPHS.join('\n\n'));
  });

  it('keeps an article list whose items are not share buttons', () => {
    const html = `${body}<ul><li>Three hospitals were closed.</li><li>Two bridges were destroyed.</li></ul>`;
    expect(cleanArticle({ html }).text).toContain('Two bridges were destroyed.');
  });

  it('builds the summary from the first two meaningful sentences and skips a byline', () => {
    const html = `<p>By Jane Roe</p>${body}`;
    const out = cleanArticle({ html });
    expect(out.summary.startsWith('Lawmakers in Berlin voted')).toBe(true);
    expect(out.summary.length).toBeLessThanOrEqual(320);
    expect(splitSentences(out.summary).length).toBeLessThanOrEqual(2);
  });

  it('truncates an overlong first sentence of the summary at a word boundary', () => {
    const long = `${'The committee heard testimony from officials '.repeat(12)}until late.`;
    const out = cleanArticle({ html: `<p>${long}</p>` });
    expect(out.summary.length).toBeLessThanOrEqual(320);
    expect(out.summary.endsWith('…')).toBe(true);
  });

  it('does not end a sentence at an abbreviation or an initial', () => {
    expect(
      splitSentences('Gen. Mark Milley met U.S. officials. George W. Bush did not. Then it rained.'),
    ).toEqual(['Gen. Mark Milley met U.S. officials.', 'George W. Bush did not.', 'Then it rained.']);
  });

  it('drops a heading that repeats the title', () => {
    const out = cleanArticle({
      html: `<h1>Bundestag Extends Mission</h1>${body}`,
      title: 'Bundestag Extends Mission',
    });
    expect(out.text.startsWith('Lawmakers')).toBe(true);
  });

  it('caps html and text at maxBytes by dropping whole blocks past it', () => {
    const many = Array.from({ length: 400 }, (_, i) => `<p>Paragraph ${i} ${'é'.repeat(500)}</p>`).join('');
    const out = cleanArticle({ html: many, maxBytes: 50_000 });
    expect(Buffer.byteLength(out.html)).toBeLessThanOrEqual(50_000);
    expect(Buffer.byteLength(out.text)).toBeLessThanOrEqual(50_000);
    expect(out.html.endsWith('</p>')).toBe(true);
    expect(out.text.startsWith('Paragraph 0')).toBe(true);
  });

  it('keeps the opening of a single paragraph larger than the cap', () => {
    const out = cleanArticle({
      html: `<p>${'Officials said talks would resume. '.repeat(10_000)}</p>`,
      maxBytes: 20_000,
    });
    expect(out.wordCount).toBeGreaterThan(1000);
    expect(Buffer.byteLength(out.html)).toBeLessThanOrEqual(20_000);
  });

  it('counts words as the word pattern matches them, inner punctuation and astral letters included', () => {
    const text = "U.S. officials don't say—'twas 3.5 per-cent of 𝐀𝐁𝐂 in Ελλάδα, 北京 ... -- ’";
    const out = cleanArticle({ html: `<p>${text}</p>` });
    expect(out.wordCount).toBe(text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)!.length);
  });

  it('turns plain text into paragraphs when the input has no markup', () => {
    const out = cleanArticle({ html: ARTICLE_PARAGRAPHS.join('\n') });
    expect(out.html.match(/<p>/g)).toHaveLength(3);
  });
});

describe('cleanArticle links and images (R27)', () => {
  const clean = (html: string) =>
    cleanArticle({ html: `<p>${html}</p>`, baseUrl: 'https://example.org/news/item/' }).html;

  it('strips tracking parameters and adds rel noopener noreferrer', () => {
    const out = clean(
      '<a href="https://x.org/a?utm_source=rss&utm_medium=feed&id=4&fbclid=1&gclid=2&mc_cid=3&mc_eid=4">x</a>',
    );
    expect(out).toContain('href="https://x.org/a?id=4"');
    expect(out).toContain('rel="noopener noreferrer"');
  });

  it('makes relative links and images absolute against the base URL', () => {
    const out = clean('<a href="../other/">o</a><img src="/img/a.png" alt="a">');
    expect(out).toContain('href="https://example.org/news/other/"');
    expect(out).toContain('src="https://example.org/img/a.png"');
  });

  it('removes 1x1 images, tracker images and non-https images', () => {
    const out = clean(
      '<img src="https://cdn.x.org/p.gif" width="1" height="1"><img src="https://pixel.wp.com/g.gif?x=1"><img src="http://cdn.x.org/a.png"><img src="https://feeds.feedburner.com/~r/x/~4/abc">text',
    );
    expect(out).not.toContain('<img');
  });

  it('keeps mailto links and drops other schemes', () => {
    const out = clean(
      '<a href="mailto:ed@x.org">m</a><a href="ftp://x.org/f">f</a><a href="data:text/html,hi">d</a>',
    );
    expect(out).toContain('href="mailto:ed@x.org"');
    expect(out).not.toContain('ftp:');
    expect(out).not.toContain('data:');
  });
});

describe('cleanArticle XSS vectors (R26, OWASP cheat sheet)', () => {
  const FORBIDDEN =
    /<\s*(script|iframe|object|embed|form|input|button|textarea|select|style|svg|math|meta|link|base|template)\b/i;
  const vectors = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>',
    '<IMG SRC="javascript:alert(\'XSS\');">',
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
    '<a onmouseover="alert(document.cookie)">xxs link</a>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    '<IMG SRC=# onmouseover="alert(\'xxs\')">',
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">',
    '<IMG SRC="jav&#x09;ascript:alert(\'XSS\');">',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href=" &#14;  javascript:alert(\'XSS\');">x</a>',
    '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    '<SCRIPT SRC=http://xss.rocks/xss.js?< B >',
    '<iframe src=http://xss.rocks/scriptlet.html <',
    '</TITLE><SCRIPT>alert("XSS");</SCRIPT>',
    '<INPUT TYPE="IMAGE" SRC="javascript:alert(\'XSS\');">',
    "<svg/onload=alert('XSS')>",
    '<svg><script>alert(1)</script></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<BGSOUND SRC="javascript:alert(\'XSS\');">',
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
    "<STYLE>@import'http://xss.rocks/xss.css';</STYLE>",
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    '<IFRAME SRC="javascript:alert(\'XSS\');"></IFRAME>',
    '<TABLE BACKGROUND="javascript:alert(\'XSS\')"><TD BACKGROUND="javascript:alert(\'XSS\')">x</TD></TABLE>',
    '<DIV STYLE="background-image: url(javascript:alert(\'XSS\'))">x</DIV>',
    '<BASE HREF="javascript:alert(\'XSS\');//">',
    '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>',
    '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hsaW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAwIiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlhTUyIpOzwvc2NyaXB0Pjwvc3ZnPg==" AllowScriptAccess="always"></EMBED>',
    '<form action="https://evil.example"><button formaction="javascript:alert(1)">x</button><textarea>t</textarea><select><option>o</select></form>',
    '<template><img src=x onerror=alert(1)></template>',
    '<a href="vbscript:msgbox(1)">v</a><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">d</a>',
    '<img srcset="javascript:alert(1) 1x" src="https://ok.example/a.png">',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
    '<p style="x:expression(alert(1))" class="a" id="b">styled</p>',
  ];

  for (const v of vectors) {
    it(`neutralises ${v.slice(0, 60)}`, () => {
      const { html } = cleanArticle({
        html: `<p>Some article text before the vector.</p>${v}`,
        baseUrl: 'https://example.org/',
      });
      expect(html).not.toMatch(FORBIDDEN);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(
        /(href|src|srcset|background|action|formaction|data)\s*=\s*["']?\s*(javascript|vbscript|data):/i,
      );
      expect(html).not.toMatch(/\sstyle\s*=/i);
      for (const m of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
        expect(m[2]).toMatch(m[1] === 'src' ? /^https:\/\// : /^(https?:\/\/|mailto:)/);
      }
    });
  }

  it('shows a title-like script text as escaped text', () => {
    const { html, text } = cleanArticle({ html: '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>' });
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(text).toBe('<script>alert(1)</script>');
  });
});
