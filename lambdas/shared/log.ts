/** The logging port: Powertools Logger satisfies it in Lambda; tests pass a silent or capturing one. */
export interface Log {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };

/** Writes structured lines to stderr, so stdout stays free for `--json` output. */
export function consoleLog(level: 'debug' | 'info' | 'warn' | 'error' = 'info'): Log {
  const order = ['debug', 'info', 'warn', 'error'];
  const min = order.indexOf(level);
  const write = (lvl: string) => (message: string, fields?: Record<string, unknown>) => {
    if (order.indexOf(lvl) < min) return;
    const extra = fields && Object.keys(fields).length ? ` ${JSON.stringify(fields)}` : '';
    process.stderr.write(`${lvl.toUpperCase().padEnd(5)} ${message}${extra}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
