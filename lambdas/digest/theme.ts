/** Colours and type of the digest, shared by the MJML shell and the inline-styled entries. */
export const THEME = {
  page: '#f2efe9',
  card: '#ffffff',
  ink: '#16191d',
  text: '#2b2f35',
  muted: '#646a73',
  accent: '#a3201f',
  rule: '#e6e1d8',
  tint: '#f7f4ef',
  serif: 'Georgia,serif',
  // MJML links Google Fonts for the families it knows (Roboto, Ubuntu...): keep them out of the stacks.
  sans: "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif",
  dark: {
    page: '#0f1113',
    card: '#1a1d21',
    ink: '#f1efeb',
    text: '#d9d7d3',
    muted: '#a2a8b1',
    accent: '#ff8a7a',
    rule: '#30343a',
    tint: '#23272c',
  },
} as const;
