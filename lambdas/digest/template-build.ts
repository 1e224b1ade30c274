/**
 * The digest's email shell in MJML, compiled at build time into skeleton.generated.ts so the Lambda
 * bundle carries no MJML (STYLE 16: MJML gives the responsive, Outlook-safe outer layout). Only the
 * shell goes through MJML: entries repeat a variable number of times and are simple block HTML with
 * inline styles, filled into the %%SLOTS%% per topic selection without another compile.
 * Regenerate with `npx vitest run test/unit/digest/skeleton.test.ts -u`.
 */
import mjml2html from 'mjml';
import { THEME as T } from './theme';

const D = T.dark;

/**
 * Dark overrides; `fg`/`bg` prefix the colour and background rules (Outlook.com marks them apart).
 * MJML puts an mj-text's class on its cell and the colour on the div inside, hence `> div`.
 */
const darkCss = (fg: string, bg: string) => `
${bg}.dm-page, ${bg}.dm-page > div { background: ${D.page} !important; }
${bg}.dm-card, ${bg}.dm-card > table { background: ${D.card} !important; }
${bg}.dm-tint { background: ${D.tint} !important; }
${fg}.dm-ink { color: ${D.ink} !important; }
${fg}.dm-text { color: ${D.text} !important; }
${fg}.dm-muted, ${fg}.dm-muted > div, ${fg}.dm-muted a { color: ${D.muted} !important; }
${fg}.dm-accent { color: ${D.accent} !important; }
${fg}.dm-link { color: ${D.accent} !important; }
${fg}.dm-rule { border-color: ${D.rule} !important; }`;

export const DIGEST_MJML = `<mjml lang="en">
  <mj-head>
    <mj-title>%%TITLE%%</mj-title>
    <mj-preview>%%PREVIEW%%</mj-preview>
    <mj-breakpoint width="480px" />
    <mj-attributes>
      <mj-all font-family="${T.sans}" />
      <mj-text color="${T.text}" font-size="15px" line-height="1.55" padding="0" />
      <mj-section padding="0" />
      <mj-column padding="0" />
    </mj-attributes>
    <mj-raw>
      <meta name="color-scheme" content="light dark">
      <meta name="supported-color-schemes" content="light dark">
    </mj-raw>
    <mj-style>
      :root { color-scheme: light dark; supported-color-schemes: light dark; }
      body { background: ${T.page}; }
      a { color: ${T.accent}; }
      h1, h2, h3, p { mso-line-height-rule: exactly; }
      @media only screen and (max-width: 480px) {
        .pad > table > tbody > tr > td { padding-left: 20px !important; padding-right: 20px !important; }
        .masthead { font-size: 26px !important; }
        .story-title { font-size: 19px !important; }
        .brief-title { font-size: 17px !important; }
      }
      @media (prefers-color-scheme: dark) {
        body { background: ${D.page} !important; }
        ${darkCss('', '')}
      }
      ${darkCss('[data-ogsc] ', '[data-ogsb] ')}
    </mj-style>
  </mj-head>
  <mj-body background-color="${T.page}" width="640px" css-class="dm-page">
    <mj-section padding="16px 36px 12px" css-class="pad">
      <mj-column>
        <mj-text font-size="12px" line-height="1.4" color="${T.muted}" align="right" css-class="dm-muted">%%TOPBAR%%</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="${T.card}" border-top="4px solid ${T.accent}" padding="30px 40px 6px" css-class="dm-card pad">
      <mj-column>
        <mj-text>%%HEADER%%</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="${T.card}" padding="4px 40px 30px" css-class="dm-card pad">
      <mj-column>
        <mj-text>%%BODY%%</mj-text>
      </mj-column>
    </mj-section>
    <mj-section padding="26px 40px 44px" css-class="pad footer">
      <mj-column>
        <mj-text font-size="12px" line-height="1.6" color="${T.muted}" align="center" css-class="dm-muted">%%FOOTER%%</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;

export const SKELETON_SLOTS = ['TITLE', 'PREVIEW', 'TOPBAR', 'HEADER', 'BODY', 'FOOTER'] as const;

export class TemplateBuildError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TemplateBuildError';
  }
}

/** Compiles the shell; fails on any MJML validation error or a slot lost on the way. */
export async function compileSkeleton(): Promise<string> {
  const out = await mjml2html(DIGEST_MJML, { validationLevel: 'strict', keepComments: true });
  if (out.errors.length) {
    throw new TemplateBuildError(`MJML: ${out.errors.map((e) => e.formattedMessage).join('; ')}`);
  }
  const html = out.html.replace(/\n\s+/g, '\n').replace(/\n{2,}/g, '\n');
  for (const slot of SKELETON_SLOTS) {
    if (!html.includes(`%%${slot}%%`))
      throw new TemplateBuildError(`slot %%${slot}%% missing from the shell`);
  }
  if (/fonts\.googleapis|<img|<link/i.test(html)) {
    throw new TemplateBuildError('the shell must not load remote fonts or images');
  }
  return html;
}

/** The TypeScript module holding the compiled shell. */
export async function skeletonModule(): Promise<string> {
  return [
    '// Generated from lambdas/digest/template-build.ts: do not edit. Regenerate with',
    '// `npx vitest run test/unit/digest/skeleton.test.ts -u`.',
    '// biome-ignore format: generated',
    `export const DIGEST_SKELETON = ${JSON.stringify(await compileSkeleton())};`,
    '',
  ].join('\n');
}
