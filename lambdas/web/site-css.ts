/** The one stylesheet of the pages, served from /assets/site.css (the CSP allows no inline style). */
export const SITE_CSS = `
:root {
  --bg: #f4f1ea; --card: #ffffff; --ink: #1d2a24; --muted: #4a524e; --line: #d9d3c7;
  --accent: #1f5f46; --accent-ink: #ffffff; --accent-soft: #e3efe8; --focus: #b34700;
  --danger: #9b1c1c; --danger-soft: #fbeaea; --ok-soft: #e3efe8;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 1.0625rem/1.55 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--accent); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--card); padding: 0.5rem 1rem; }
.skip:focus { left: 0.5rem; top: 0.5rem; z-index: 2; }
header.site { border-bottom: 1px solid var(--line); background: var(--card); }
header.site .inner, main, footer.site { max-width: 44rem; margin: 0 auto; padding: 0 1.25rem; }
header.site .inner { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 0.75rem; padding-top: 0.9rem; padding-bottom: 0.9rem; }
.brand { font-family: Georgia, "Times New Roman", serif; font-size: 1.35rem; color: var(--ink); text-decoration: none; font-weight: 700; white-space: nowrap; }
.brand-note { color: var(--muted); font-size: 0.95rem; }
main { padding-top: 1.5rem; padding-bottom: 2.5rem; }
h1 { font-family: Georgia, "Times New Roman", serif; font-size: 1.9rem; line-height: 1.2; margin: 0.25rem 0 0.75rem; }
h2 { font-size: 1.2rem; margin: 0 0 0.5rem; }
.lede { font-size: 1.125rem; color: var(--muted); margin-top: 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem; margin: 1.25rem 0; }
.card > :first-child { margin-top: 0; }
.card > :last-child { margin-bottom: 0; }
.field { margin: 0 0 1.25rem; }
label, legend { font-weight: 600; }
.hint { display: block; color: var(--muted); font-size: 0.95rem; font-weight: 400; margin-top: 0.15rem; }
input[type=email], input[type=search], select {
  display: block; width: 100%; margin-top: 0.4rem; padding: 0.7rem 0.8rem; min-height: 2.9rem;
  font: inherit; color: var(--ink); background: #fff; border: 2px solid #7b817d; border-radius: 6px;
}
input[aria-invalid=true] { border-color: var(--danger); }
fieldset { border: 0; padding: 0; margin: 0 0 1.25rem; min-width: 0; }
legend { padding: 0; margin-bottom: 0.5rem; }
.topics { display: grid; grid-template-columns: 1fr; gap: 0.6rem; margin-top: 0.4rem; }
@media (min-width: 40rem) { .topics { grid-template-columns: 1fr 1fr; } }
.topic { display: flex; gap: 0.7rem; align-items: flex-start; padding: 0.75rem 0.85rem; border: 1px solid var(--line); border-radius: 8px; background: #fff; cursor: pointer; }
.topic:has(input:checked) { border-color: var(--accent); background: var(--accent-soft); }
.topic input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; flex: none; accent-color: var(--accent); }
.topic .name { display: block; font-weight: 600; }
.topic .desc { display: block; font-weight: 400; color: var(--muted); font-size: 0.92rem; line-height: 1.4; }
.consent { color: var(--muted); font-size: 0.95rem; }
.all-topics { margin: 0 0 0.25rem; }
details > summary { cursor: pointer; font-weight: 600; color: var(--accent); padding: 0.55rem 0; }
details[open] > summary { margin-bottom: 0.25rem; }
button, .button {
  display: inline-flex; align-items: center; justify-content: center; min-height: 2.9rem; padding: 0.65rem 1.3rem;
  font: inherit; font-weight: 600; border-radius: 6px; border: 2px solid var(--accent); cursor: pointer; text-decoration: none;
  background: var(--accent); color: var(--accent-ink);
}
button:hover, .button:hover { filter: brightness(1.08); }
button.secondary, .button.secondary { background: transparent; color: var(--accent); }
button.danger { background: var(--danger); border-color: var(--danger); color: #fff; }
button.danger.secondary { background: transparent; color: var(--danger); }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
.notice { border-radius: 8px; padding: 0.85rem 1rem; margin: 0 0 1.25rem; border: 1px solid var(--accent); background: var(--ok-soft); }
.notice.error { border-color: var(--danger); background: var(--danger-soft); }
.notice p { margin: 0; }
.status { display: inline-block; padding: 0.1rem 0.6rem; border-radius: 999px; font-size: 0.9rem; font-weight: 600; background: var(--accent-soft); color: var(--accent); }
.status.off { background: var(--danger-soft); color: var(--danger); }
.hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
input[type=text] {
  display: block; width: 100%; padding: 0.7rem 0.8rem; min-height: 2.9rem;
  font: inherit; color: var(--ink); background: #fff; border: 2px solid #7b817d; border-radius: 6px;
}
.cadence .choice { display: flex; gap: 0.6rem; align-items: center; font-weight: 400; margin: 0.4rem 0; cursor: pointer; }
.cadence .choice input { width: 1.2rem; height: 1.2rem; margin: 0; accent-color: var(--accent); }
.cadence select { max-width: 14rem; margin-left: 1.8rem; margin-top: 0.2rem; }
.followed, .candidates ul { list-style: none; padding: 0; margin: 0.75rem 0 1rem; }
.followed li, .candidates li { display: flex; gap: 0.5rem 0.75rem; align-items: center; justify-content: space-between; padding: 0.5rem 0; border-bottom: 1px solid var(--line); }
.candidates li { flex-wrap: wrap; justify-content: flex-start; }
.followed li form, .candidates li form { margin: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.followed li form { flex: none; }
.who { font-weight: 600; min-width: 0; overflow-wrap: anywhere; }
.followed .kind { display: block; }
.kind { color: var(--muted); font-size: 0.9rem; font-weight: 400; }
.candidates { border-left: 3px solid var(--accent); padding-left: 0.85rem; margin: 0.75rem 0 1rem; }
.candidates p { margin: 0; }
.search { display: flex; gap: 0.5rem; margin-top: 0.4rem; }
.search input { flex: 1; min-width: 0; }
button.small { min-height: 2.4rem; padding: 0.35rem 0.9rem; font-size: 0.95rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer.site { color: var(--muted); font-size: 0.9rem; padding-bottom: 2rem; }
footer.site p { margin: 0.25rem 0; }
.kicker { margin: 0; font-size: 0.8rem; font-weight: 700; letter-spacing: 0.12em; text-transform: uppercase; color: var(--accent); }
.feed-links { margin: 0 0 1rem; font-size: 0.95rem; }
.chart { margin: 0; }
.chart svg { display: block; width: 100%; height: 120px; }
.chart .bar { fill: var(--accent); }
.chart .bar.none { fill: var(--line); }
.chart .axis { stroke: #7b817d; stroke-width: 1; }
.chart figcaption { font-size: 0.9rem; color: var(--muted); }
.axis-dates { display: flex; justify-content: space-between; margin-top: 0.3rem; }
.chart-note { display: block; margin-top: 0.6rem; color: var(--ink); font-size: 0.95rem; }
.chart-data { margin-top: 0.5rem; font-size: 0.95rem; }
.chart-data table { border-collapse: collapse; width: 100%; max-width: 24rem; }
.chart-data th, .chart-data td { text-align: left; padding: 0.25rem 0.5rem 0.25rem 0; border-bottom: 1px solid var(--line); }
.chart-data th:last-child, .chart-data td:last-child { text-align: right; }
.actor-facts { display: grid; grid-template-columns: 1fr; column-gap: 1.25rem; }
.actor-facts .card { margin: 0 0 1.25rem; }
@media (min-width: 40rem) { .actor-facts { grid-template-columns: 1fr 1fr; align-items: start; } }
ul.counts, ul.stories, ul.choices { list-style: none; padding: 0; margin: 0; }
ul.counts li, ul.choices li { display: flex; justify-content: space-between; align-items: baseline; gap: 0.75rem; padding: 0.4rem 0; border-bottom: 1px solid var(--line); }
ul.counts li:last-child, ul.choices li:last-child { border-bottom: 0; }
.count { color: var(--muted); font-size: 0.9rem; font-weight: 400; white-space: nowrap; }
.section-title { margin-top: 1.75rem; }
h3.day { display: flex; justify-content: space-between; align-items: baseline; gap: 0.75rem; font-size: 1rem; margin: 1.5rem 0 0; padding-bottom: 0.35rem; border-bottom: 2px solid var(--ink); }
ul.stories li { padding: 0.7rem 0; border-bottom: 1px solid var(--line); }
a.story { font-family: Georgia, "Times New Roman", serif; font-size: 1.08rem; line-height: 1.35; font-weight: 700; color: var(--ink); text-decoration: none; }
a.story:hover { text-decoration: underline; }
.meta { display: block; margin-top: 0.25rem; color: var(--muted); font-size: 0.9rem; }
.meta a { color: var(--muted); }
@media (max-width: 30rem) { h1 { font-size: 1.6rem; } .card { padding: 1rem; } main { padding-top: 1rem; } }
@media (prefers-reduced-motion: no-preference) { .topic { transition: background-color 0.15s, border-color 0.15s; } }
`;
