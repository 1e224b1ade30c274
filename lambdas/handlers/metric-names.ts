/**
 * Custom metric names, one source for the handlers that emit them (Powertools Metrics, EMF) and the
 * alarms and dashboard that read them (lib/monitoring.ts). No runtime imports: lib/ loads this file.
 */
export const METRICS_NAMESPACE = 'AntiwarDigest';
/** Powertools adds it as the `service` dimension of every metric. */
export const SERVICE_NAME = 'antiwar-digest';

export const METRIC = {
  feedsPlanned: 'FeedsPlanned',
  feedsAttempted: 'FeedsAttempted',
  feedsFetched: 'FeedsFetched',
  feedsNotModified: 'FeedsNotModified',
  /** Emitted by feeds/ingest.ts through its metrics port. */
  feedFailed: 'FeedFailed',
  /** FeedFailed again, with an ErrorKind dimension. */
  feedErrors: 'FeedErrors',
  feedGone: 'FeedGone',
  feedDisabled: 'FeedDisabled',
  feedsNotStored: 'FeedsNotStored',
  articlesNew: 'ArticlesNew',
  articlesUpdated: 'ArticlesUpdated',
  storiesClustered: 'StoriesClustered',
  subscribersPlanned: 'SubscribersPlanned',
  digestsSent: 'DigestsSent',
  digestsSkipped: 'DigestsSkipped',
  digestsFailed: 'DigestsFailed',
  /**
   * Sends left claimed with no known outcome (SES may have accepted them): found by a sender that
   * meets one, or made by an SES call that gave no clear answer. Never resent automatically.
   */
  digestsUncertain: 'DigestsUncertain',
  /** Milliseconds per accepted message, SES call included. */
  sendLatency: 'SendLatency',
  bounces: 'Bounces',
  complaints: 'Complaints',
} as const;

export const ERROR_KIND_DIMENSION = 'ErrorKind';

/**
 * What a 'lean' deployment emits: the feed and digest throughput the dashboard charts, the failures
 * the lean alarms read, and two events that are rare enough to cost nothing. Ten at most, the
 * CloudWatch free tier of custom metrics; the ErrorKind breakdown (one metric per kind) is left out.
 */
export const LEAN_METRICS: readonly string[] = [
  METRIC.feedsAttempted,
  METRIC.feedsFetched,
  METRIC.feedFailed,
  METRIC.feedGone,
  METRIC.feedDisabled,
  METRIC.articlesNew,
  METRIC.digestsSent,
  METRIC.digestsFailed,
  METRIC.bounces,
  METRIC.complaints,
];
