/**
 * `cli digest`: a date's digest to every confirmed subscriber (--date, default today), the hourly
 * delivery as the schedule runs it at an instant (--at), or the explicit resend of uncertain sends
 * (--resend-uncertain), or the one-off build of the delivery index for subscribers written before it
 * existed (--reindex). --dry-run composes without claiming, storing or sending.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDelivery } from '../../lambdas/digest/plan';
import {
  type DigestReport,
  type ResendReport,
  resendUncertain,
  runDigest,
  SKIP_REASONS,
  type SkipReason,
} from '../../lambdas/digest/run-digest';
import { dateIn } from '../../lambdas/digest/window';
import { isIsoWeek, isoWeek } from '../../lambdas/shared/delivery-time';
import { selectionKey } from '../../lambdas/subscribers/links';
import { digestDeps } from '../local/deps';
import type { Runtime } from '../local/runtime';
import { type CommandContext, UsageError } from './spec';

const HOUR_MS = 3_600_000;

interface DigestArgs {
  date?: string;
  at?: Date;
  resendUncertain?: string;
  reindex: boolean;
  dryRun: boolean;
  json: boolean;
}

export async function run({ rt, log, args }: CommandContext<DigestArgs>): Promise<number> {
  const deps = digestDeps(rt, log);
  const today = dateIn(deps.clock.now(), rt.config.timeZone);
  for (const d of [args.date, args.resendUncertain]) {
    if (d && isIsoWeek(d) ? d > isoWeek(today) : d && d > today)
      throw new UsageError(
        `${d} is after today (${today} in ${rt.config.timeZone}): no digest exists for it yet`,
      );
  }
  if (args.resendUncertain && /W/.test(args.resendUncertain) && !isIsoWeek(args.resendUncertain))
    throw new UsageError(`${args.resendUncertain} is not a week of its year`);
  if (args.resendUncertain)
    return resend(rt, await resendUncertain(deps, args.resendUncertain, args), args.json);
  if (args.reindex) {
    const indexed = await rt.store.subscribers.buildDeliveryIndex();
    if (args.json) process.stdout.write(`${JSON.stringify({ indexed })}\n`);
    else
      console.log(`delivery index: ${indexed} subscriber record(s) added; the hourly planner now reads it`);
    return 0;
  }

  let reports: DigestReport[];
  let heading = '';
  if (args.at) {
    // The schedule fires on the hour: an instant inside an hour runs that hour's delivery.
    const at = new Date(Math.floor(args.at.getTime() / HOUR_MS) * HOUR_MS);
    const delivery = await runDelivery(deps, { at, dryRun: args.dryRun });
    reports = delivery.reports;
    heading = `delivery at ${delivery.at}: ${reports.length ? `${reports.length} local date(s)` : 'nobody is due'}`;
  } else {
    reports = [await runDigest(deps, { date: args.date, dryRun: args.dryRun, house: true })];
  }
  const previews = args.dryRun ? writePreviews(reports) : [];
  // Nothing new would go out (already sent, say): show the day's stored archive page instead, so
  // the operator still sees what readers got.
  if (args.dryRun && previews.length === 0) {
    for (const r of reports) {
      const house = await rt.store.editions.house(r.date);
      const page = house && (await rt.store.editions.page(r.date, house, 'view'));
      if (page) previews.push(writePage(`${r.date}-archive.html`, page));
    }
  }
  if (args.json) {
    const plain = reports.map(({ previews: _omit, ...rest }) => rest);
    const body = args.at
      ? { at: new Date(Math.floor(args.at.getTime() / HOUR_MS) * HOUR_MS).toISOString(), reports: plain }
      : plain[0];
    process.stdout.write(`${JSON.stringify(args.dryRun ? { ...body, previewFiles: previews } : body)}\n`);
    return needsAttention(reports) ? 1 : 0;
  }
  if (heading) console.log(heading);
  const emails = await addresses(
    rt,
    reports.flatMap((r) => [...r.uncertainSubscribers, ...r.failures.map((f) => f.subscriberId)]),
  );
  for (const r of reports) printReport(r, emails);
  for (const p of previews) console.log(`preview: ${p}`);
  if (rt.outboxDir && !args.dryRun && reports.some((r) => r.sent > 0))
    console.log(`messages written to ${rt.outboxDir}`);
  return needsAttention(reports) ? 1 : 0;
}

/** A refused send, or one whose outcome nobody knows, ends the command non-zero. */
const needsAttention = (reports: DigestReport[]) => reports.some((r) => r.failed > 0 || r.uncertain > 0);

function printReport(r: DigestReport, emails: Map<string, string>): void {
  const counts = [
    `${r.subscribers} subscribers`,
    r.dryRun ? `${r.planned} would be sent` : `${r.sent} sent`,
    `${r.skipped} skipped`,
    `${r.failed} failed`,
    `${r.uncertain} uncertain`,
  ];
  console.log(`digest ${r.date}${r.dryRun ? ' (dry run)' : ''}: ${counts.join(', ')}`);
  const reasons = (Object.entries(r.reasons) as [SkipReason, number][]).filter(([, n]) => n > 0);
  if (reasons.length)
    console.log(`  skipped: ${reasons.map(([k, n]) => `${n} ${SKIP_REASONS[k]}`).join('; ')}`);
  for (const f of r.failures)
    console.log(`  failed: ${emails.get(f.subscriberId) ?? f.subscriberId}: ${f.error}`);
  if (r.uncertainSends.length) {
    const keys = [...new Set(r.uncertainSends.map((u) => u.key ?? r.date))];
    console.log(
      `  uncertain: claimed, and SES may have accepted them; not resent (see ${keys.map((k) => `digest --resend-uncertain ${k}`).join(', ')}):`,
    );
    for (const u of r.uncertainSends) {
      console.log(
        `    ${emails.get(u.subscriberId) ?? u.subscriberId}  claimed ${u.claimedAt}${u.error ? `  ${u.error}` : ''}`,
      );
    }
  }
  if (r.houseEdition) console.log(`  archive: /archive/${r.date} (edition ${r.houseEdition})`);
}

function resend(rt: Runtime, r: ResendReport, json: boolean): number {
  if (json) {
    process.stdout.write(`${JSON.stringify(r)}\n`);
    return r.failed.length ? 1 : 0;
  }
  console.log(
    `digest ${r.date}: ${r.uncertain} uncertain send(s)${r.dryRun ? ' (dry run: nothing sent)' : ''}`,
  );
  if (r.resent.length) {
    console.error(
      `warning: SES may already have delivered these; each reader below ${r.dryRun ? 'would' : 'may'} now have two copies of the ${r.date} digest:`,
    );
    for (const x of r.resent)
      console.log(`  ${r.dryRun ? 'would resend' : 'resent'}: ${x.email}  (claimed ${x.claimedAt})`);
  }
  for (const x of r.left) console.log(`  left: ${x.subscriberId}  (claimed ${x.claimedAt}): ${x.reason}`);
  for (const x of r.failed) console.log(`  failed: ${x.subscriberId}: ${x.error}`);
  if (rt.outboxDir && !r.dryRun && r.resent.length) console.log(`messages written to ${rt.outboxDir}`);
  return r.failed.length ? 1 : 0;
}

async function addresses(rt: Runtime, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const found = await rt.store.subscribers.getMany(ids);
  return new Map([...found].map(([id, s]) => [id, s.email]));
}

function writePage(name: string, html: string): string {
  const dir = join(process.cwd(), '.local', 'preview');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, html);
  return path;
}

function writePreviews(reports: DigestReport[]): string[] {
  const out: string[] = [];
  for (const r of reports) {
    for (const p of r.previews ?? []) {
      const n = out.filter((path) => path.includes(`${r.date}-${selectionKey(p.topics) || 'all'}`)).length;
      out.push(writePage(`${r.date}-${selectionKey(p.topics) || 'all'}${n ? `-${n + 1}` : ''}.html`, p.html));
    }
  }
  return out;
}
