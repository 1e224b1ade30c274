import { afterEach, describe, expect, it, vi } from 'vitest';
import { METRIC } from '../../../lambdas/handlers/metric-names';
import { ENV } from '../../../lambdas/shared/names';

/** observability.ts reads METRICS_DETAIL once at load, as a cold start does. */
async function loadWith(detail: string | undefined) {
  vi.resetModules();
  if (detail !== undefined) vi.stubEnv(ENV.metricsDetail, detail);
  const mod = await import('../../../lambdas/handlers/observability');
  const added = vi.spyOn(mod.metrics, 'addMetric');
  // A single metric flushes at once; a stand-in keeps it off the test output.
  const single = vi
    .spyOn(mod.metrics, 'singleMetric')
    .mockReturnValue({ addDimension: vi.fn(), addMetric: vi.fn() } as never);
  return { mod, added: () => added.mock.calls.map((c) => c[0]), single };
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('observability metrics detail', () => {
  it('emits every metric and the ErrorKind breakdown when METRICS_DETAIL is unset', async () => {
    const { mod, added, single } = await loadWith(undefined);
    mod.count(METRIC.digestsSkipped, 2);
    mod.milliseconds(METRIC.sendLatency, 120);
    mod.countErrorKind('timeout', 1);
    expect(added()).toEqual([METRIC.digestsSkipped, METRIC.sendLatency]);
    expect(single).toHaveBeenCalledTimes(1);
    mod.metrics.clearMetrics();
  });

  it('drops the informational metrics and the ErrorKind breakdown when METRICS_DETAIL is lean', async () => {
    const { mod, added, single } = await loadWith('lean');
    mod.count(METRIC.digestsSkipped, 2);
    mod.count(METRIC.digestsFailed, 1);
    mod.milliseconds(METRIC.sendLatency, 120);
    mod.countErrorKind('timeout', 1);
    expect(added()).toEqual([METRIC.digestsFailed]);
    expect(single).not.toHaveBeenCalled();
    mod.metrics.clearMetrics();
  });
});
