/**
 * Powertools Tracer, imported only by the workers that have X-Ray active tracing: the X-Ray SDK
 * costs cold-start time, and a trace is useful where one invocation makes hundreds of calls.
 * POWERTOOLS_TRACE_ENABLED (lib/function.ts) turns it off everywhere else.
 */
import { Tracer } from '@aws-lambda-powertools/tracer';
import { SERVICE_NAME } from './metric-names';

export const tracer = new Tracer({ serviceName: SERVICE_NAME });

/** Runs `fn` in a subsegment named `## name`, recording its error. */
export async function traced<R>(name: string, fn: () => Promise<R>): Promise<R> {
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  if (!parent) return fn();
  const sub = parent.addNewSubsegment(`## ${name}`);
  tracer.setSegment(sub);
  try {
    return await fn();
  } catch (err) {
    sub.addError(err as Error);
    throw err;
  } finally {
    sub.close();
    tracer.setSegment(parent);
  }
}
