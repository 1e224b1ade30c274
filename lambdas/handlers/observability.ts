/**
 * Powertools Metrics (EMF: the counts become CloudWatch metrics with no API call) and the per-invocation
 * log context: the Lambda context and a correlation id that a planner hands to its workers.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { ENV } from '../shared/names';
import { logger } from './logger';
import { ERROR_KIND_DIMENSION, LEAN_METRICS, METRIC, METRICS_NAMESPACE, SERVICE_NAME } from './metric-names';

// POWERTOOLS_METRICS_NAMESPACE (set per stage by lib/function.ts) wins over the default.
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE,
  serviceName: SERVICE_NAME,
});

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

// Each distinct metric costs $0.30 a month, so a lean deployment (lib/monitoring.ts) emits few.
const lean = process.env[ENV.metricsDetail] === 'lean';
const emitted = (name: string): boolean => !lean || LEAN_METRICS.includes(name);

export function count(name: MetricName, value: number): void {
  if (value > 0 && emitted(name)) metrics.addMetric(name, MetricUnit.Count, value);
}

export function milliseconds(name: MetricName, value: number): void {
  if (emitted(name)) metrics.addMetric(name, MetricUnit.Milliseconds, value);
}

/** A count with an ErrorKind dimension, flushed on its own so it does not split the other metrics. */
export function countErrorKind(kind: string, value: number): void {
  if (!emitted(METRIC.feedErrors)) return;
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
