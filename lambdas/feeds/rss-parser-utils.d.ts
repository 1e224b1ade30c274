/** rss-parser's internal helpers, patched in parse.ts (R17). */
declare module 'rss-parser/lib/utils.js' {
  const utils: { getSnippet(html: string): string };
  export default utils;
}
