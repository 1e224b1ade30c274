/** The SQS event source's shapes, mapped to and from the WorkQueue port's messages. */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { ReceivedMessage } from './ports';

export function messagesOf(event: SQSEvent): ReceivedMessage<unknown>[] {
  return event.Records.map((r) => ({
    id: r.messageId,
    body: parseJson(r.body),
    receiveCount: Number(r.attributes.ApproximateReceiveCount) || 1,
    ...(r.attributes.MessageGroupId ? { groupId: r.attributes.MessageGroupId } : {}),
  }));
}

/** The planner's run id carried by every message of a run, for log correlation. */
export function runIdOf(batch: ReceivedMessage<unknown>[]): string | undefined {
  const first = batch[0]?.body as { runId?: unknown } | undefined;
  return typeof first?.runId === 'string' ? first.runId : undefined;
}

/** ReportBatchItemFailures: only these messages return to the queue. */
export function batchResponse(failedIds: string[]): SQSBatchResponse {
  return { batchItemFailures: failedIds.map((itemIdentifier) => ({ itemIdentifier })) };
}

// A body that is not JSON is kept as text, so the use case reports it malformed.
function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
