#!/usr/bin/env -S npx tsx
/**
 * The operators' command-line tool (../shared/CLI.md): every part of the pipeline by hand, locally or
 * against a deployed stack (--stack NAME). `npm run cli -- help` lists the commands.
 * 1. Finds the command and checks its arguments, before anything is loaded or locked.
 * 2. Opens the store (unless the command needs none) and loads only that command's code.
 * 3. Runs it; every failure ends in one `error:` line and a non-zero exit.
 */
import { parseArgs } from 'node:util';
import {
  actorNames,
  type Command,
  date,
  dateOrWeek,
  defineCommand,
  flag,
  instant,
  integer,
  list,
  noMore,
  str,
  strings,
  subcommand,
  UsageError,
  weekday,
  zone,
} from './commands/spec';

const commands: Record<string, Command<unknown>> = {
  ingest: defineCommand({
    usage: ['ingest [--feed URL]... [--force] [--json]   one ingestion pass (configured feeds by default)'],
    options: {
      feed: { type: 'string', multiple: true },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    check: (p) => {
      noMore(p, 0, 'ingest');
      return {
        urls: strings(p.values, 'feed'),
        force: flag(p.values, 'force'),
        json: flag(p.values, 'json'),
      };
    },
    run: () => import('./commands/ingest'),
  }),
  analyze: defineCommand({
    usage: ['analyze [--in FILE] [--out FILE]            JSON Lines of articles in, actors and topics out'],
    options: { in: { type: 'string' }, out: { type: 'string' } },
    store: false,
    check: (p) => {
      noMore(p, 0, 'analyze');
      return { in: str(p.values, 'in'), out: str(p.values, 'out') };
    },
    run: () => import('./commands/analyze'),
  }),
  digest: defineCommand({
    usage: [
      "digest [--date YYYY-MM-DD] [--dry-run] [--json]   compose and send a date's digest to everyone",
      'digest --at ISO-INSTANT [--dry-run] [--json]     the hourly delivery as the schedule runs it then',
      'digest --resend-uncertain YYYY-MM-DD|YYYY-Www [--dry-run] [--json]   resend uncertain sends (may duplicate)',
      'digest --reindex                              put subscribers from before the delivery index on it',
    ],
    options: {
      date: { type: 'string' },
      at: { type: 'string' },
      'resend-uncertain': { type: 'string' },
      reindex: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    check: (p) => {
      noMore(p, 0, 'digest');
      const modes = ['date', 'at', 'resend-uncertain', 'reindex'].filter((m) => p.values[m] !== undefined);
      if (modes.length > 1)
        throw new UsageError(
          `digest takes one of --date, --at, --resend-uncertain and --reindex, got ${modes.map((m) => `--${m}`).join(' and ')}`,
        );
      return {
        date: date(p.values, 'date'),
        at: instant(p.values, 'at'),
        resendUncertain: dateOrWeek(p.values, 'resend-uncertain'),
        reindex: flag(p.values, 'reindex'),
        dryRun: flag(p.values, 'dry-run'),
        json: flag(p.values, 'json'),
      };
    },
    run: () => import('./commands/digest'),
  }),
  subscribers: defineCommand({
    usage: [
      'subscribers add EMAIL [--topics a,b] [--confirmed] [--zone IANA] [--hour H] [--actors "A,B"]',
      '                [--weekly DAY | --daily]',
      'subscribers list [--json]',
      'subscribers remove EMAIL',
    ],
    options: {
      topics: { type: 'string' },
      confirmed: { type: 'boolean' },
      zone: { type: 'string' },
      hour: { type: 'string' },
      actors: { type: 'string' },
      weekly: { type: 'string' },
      daily: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    check: async (p) => {
      const sub = subcommand(p, 'subscribers', ['add', 'list', 'remove']);
      const email = p.positionals[1];
      if (sub !== 'list' && !email) throw new UsageError(`subscribers ${sub} needs an EMAIL`);
      noMore(p, sub === 'list' ? 1 : 2, `subscribers ${sub}`);
      if (p.values.weekly !== undefined && p.values.daily !== undefined)
        throw new UsageError('subscribers add takes --weekly DAY or --daily, not both');
      return {
        sub: sub as 'add' | 'list' | 'remove',
        email: email ?? '',
        topics: list(p.values, 'topics'),
        confirmed: flag(p.values, 'confirmed'),
        zone: zone(p.values, 'zone'),
        hour: integer(p.values, 'hour', 0, 23),
        actors: await actorNames(p.values, 'actors'),
        weeklyOn: flag(p.values, 'daily') ? null : weekday(p.values, 'weekly'),
        json: flag(p.values, 'json'),
      };
    },
    run: () => import('./commands/subscribers'),
  }),
  feeds: defineCommand({
    usage: [
      "feeds list [--json]                         each feed's polling state",
      'feeds check URL [--json]                    fetch once, show what would be stored (stores nothing)',
    ],
    options: { json: { type: 'boolean' } },
    check: (p) => {
      const sub = subcommand(p, 'feeds', ['list', 'check']);
      const url = p.positionals[1];
      if (sub === 'check' && !url) throw new UsageError('feeds check needs a URL');
      noMore(p, sub === 'list' ? 1 : 2, `feeds ${sub}`);
      return { sub: sub as 'list' | 'check', url: url ?? '', json: flag(p.values, 'json') };
    },
    run: () => import('./commands/feeds'),
  }),
  actors: defineCommand({
    usage: [
      "actors top [--date YYYY-MM-DD] [--json]     the day's most-mentioned actors",
      "actors show NAME [--from DATE] [--to DATE] [--json]   an actor's articles",
    ],
    options: {
      date: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
    },
    check: (p) => {
      const sub = subcommand(p, 'actors', ['top', 'show']);
      const name = p.positionals.slice(1).join(' ').trim();
      if (sub === 'show' && !name) throw new UsageError('actors show needs a NAME');
      if (sub === 'top') noMore(p, 1, 'actors top');
      return {
        sub: sub as 'top' | 'show',
        name,
        date: date(p.values, 'date'),
        from: date(p.values, 'from'),
        to: date(p.values, 'to'),
        json: flag(p.values, 'json'),
      };
    },
    run: () => import('./commands/actors'),
  }),
  serve: defineCommand({
    usage: ['serve [--port N]                            subscription pages and the digest archive'],
    options: { port: { type: 'string' } },
    check: (p) => {
      noMore(p, 0, 'serve');
      return { port: integer(p.values, 'port', 0, 65535) ?? 8787 };
    },
    run: () => import('./commands/serve'),
  }),
};

const GLOBAL_OPTIONS = { stack: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export function usage(): string {
  const lines = Object.values(commands).flatMap((c) => c.usage.map((u) => `  ${u}`));
  return `usage: npm run cli -- <command> [options]   (or: node dist/cli.mjs <command>)

${lines.join('\n')}

  Global: --stack NAME uses a deployed stack (real AWS credentials).
  Environment: DYNAMODB_ENDPOINT, TABLE_NAME, SES_ENDPOINT, ALLOW_PRIVATE_NETWORK=1,
  PUBLIC_BASE_URL (see docs/cli.md).`;
}

async function main(argv: string[]): Promise<number> {
  // Only the global options are known before the command is: enough to find the command's name.
  const name = parseArgs({ args: argv, allowPositionals: true, strict: false, options: GLOBAL_OPTIONS })
    .positionals[0];
  if (!name || name === 'help') {
    console.log(usage());
    return name || argv.length ? 0 : 2;
  }
  const command = commands[name];
  if (!command)
    throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(commands).join(', ')})`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { ...GLOBAL_OPTIONS, ...command.options },
    });
  } catch (err) {
    // node:util's messages name the option ("Unknown option '--prot'"); keep them, one line.
    throw new UsageError(`${name}: ${(err as Error).message.split(/\. To specify|\n/)[0]}`);
  }
  if (parsed.values.help) {
    console.log(command.usage.map((u) => `usage: npm run cli -- ${u}`).join('\n'));
    return 0;
  }
  const positionals = parsed.positionals.slice(1);
  const args = await command.check({ values: parsed.values, positionals });

  const [{ consoleLog }, impl] = await Promise.all([import('../lambdas/shared/log'), command.run()]);
  const log = consoleLog(process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn');
  if (command.store === false) return impl.run({ args, log, rt: undefined as never });
  const { openRuntime } = await import('./local/runtime');
  const rt = await openRuntime({
    stack: typeof parsed.values.stack === 'string' ? parsed.values.stack : undefined,
  });
  let keepOpen = false;
  try {
    const code = await impl.run({ args, log, rt });
    // serve answers requests after run() returns; it closes the store itself on exit.
    keepOpen = name === 'serve';
    return code;
  } finally {
    if (!keepOpen) await rt.close();
  }
}

// `cli ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    const cause = err.cause instanceof Error ? err.cause.message : err.cause;
    const hint = err instanceof UsageError ? ' (npm run cli -- help lists the commands)' : '';
    console.error(`error: ${err.message}${cause ? ` (${String(cause).split('\n')[0]})` : ''}${hint}`);
    if (process.env.LOG_LEVEL === 'debug') console.error(err.stack);
    process.exitCode = err instanceof UsageError ? 2 : 1;
    // A store or server left open must not keep a failed command alive.
    setTimeout(() => process.exit(), 1000).unref();
  },
);
