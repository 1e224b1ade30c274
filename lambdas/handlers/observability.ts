/**
 * Powertools Metrics (EMF: the counts become CloudWatch metrics with no API call) and the per-invocation
 * log context: the Lambda context and a correlation id that a planner hands to its workers.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { ERROR_KIND_DIMENSION, METRIC, METRICS_NAMESPACE, SERVICE_NAME } from './metric-names';

// POWERTOOLS_METRICS_NAMESPACE (set per stage by lib/function.ts) wins over the default.
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE,
  serviceName: SERVICE_NAME,
});

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

export function count(name: MetricName, value: number): void {
  if (value > 0) metrics.addMetric(name, MetricUnit.Count, value);
}

export function milliseconds(name: MetricName, value: number): void {
  metrics.addMetric(name, MetricUnit.Milliseconds, value);
}

/** A count with an ErrorKind dimension, flushed on its own so it does not split the other metrics. */
export function countErrorKind(kind: string, value: number): void {
  const single = metrics.singleMetric();
  single.addDimension(ERROR_KIND_DIMENSION, kind);
  single.addMetric(METRIC.feedErrors, MetricUnit.Count, value);
}

/** Runs one invocation with its log context; the metrics are flushed even when it throws. */
export async function observe<R>(
  context: Context | undefined,
  correlationId: string | undefined,
  fn: () => Promise<R>,
): Promise<R> {
  if (context) logger.addContext(context);
  if (correlationId) logger.appendKeys({ correlationId });
  try {
    return await fn();
  } finally {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    if (correlationId) logger.removeKeys(['correlationId']);
  }
}
