import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { QueueSendError } from '../../../lambdas/queue/ports';
import { SqsWorkQueue } from '../../../lambdas/queue/sqs-work-queue';

const sqs = mockClient(SQSClient);
const URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/work.fifo';
const noSleep = async () => {};

type Entry = { Id: string; MessageBody: string; MessageGroupId?: string; MessageDeduplicationId?: string };
const entriesOf = (call: number) =>
  sqs.commandCalls(SendMessageBatchCommand)[call]!.args[0].input.Entries as Entry[];

describe('SqsWorkQueue', () => {
  beforeEach(() => {
    sqs.reset();
  });

  it('sends 25 messages in 3 SendMessageBatch calls of at most 10, with group and deduplication ids', async () => {
    sqs.on(SendMessageBatchCommand).callsFake((input) => ({
      Successful: input.Entries.map((e: Entry) => ({
        Id: e.Id,
        MessageId: `m${e.Id}`,
        MD5OfMessageBody: '',
      })),
    }));
    const q = new SqsWorkQueue<{ n: number }>(new SQSClient({}), URL, { sleep: noSleep });
    const out = await q.send(
      Array.from({ length: 25 }, (_, n) => ({ body: { n }, groupId: 'h', deduplicationId: `d${n}` })),
    );
    expect(out).toEqual({ sent: 25, calls: 3 });
    expect([0, 1, 2].map((c) => entriesOf(c).length)).toEqual([10, 10, 5]);
    expect(entriesOf(2)[4]).toMatchObject({
      MessageBody: '{"n":24}',
      MessageGroupId: 'h',
      MessageDeduplicationId: 'd24',
    });
  });

  it('retries only the entries SQS failed on its side', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [{ Id: '0', MessageId: 'a', MD5OfMessageBody: '' }],
        Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }],
      })
      .resolves({ Successful: [{ Id: '1', MessageId: 'b', MD5OfMessageBody: '' }] });
    const q = new SqsWorkQueue<string>(new SQSClient({}), URL, { sleep: noSleep });
    expect(await q.send([{ body: 'x' }, { body: 'y' }])).toEqual({ sent: 2, calls: 2 });
    expect(entriesOf(1).map((e) => e.MessageBody)).toEqual(['"y"']);
  });

  it('throws QueueSendError at once when SQS blames the sender', async () => {
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '0', Code: 'InvalidParameterValue', SenderFault: true }],
    });
    const q = new SqsWorkQueue<string>(new SQSClient({}), URL, { sleep: noSleep });
    await expect(q.send([{ body: 'x' }])).rejects.toBeInstanceOf(QueueSendError);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(1);
  });

  it('throws QueueSendError after maxAttempts when an entry keeps failing', async () => {
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '0', Code: 'ServiceUnavailable', SenderFault: false }],
    });
    const q = new SqsWorkQueue<string>(new SQSClient({}), URL, { sleep: noSleep, maxAttempts: 3 });
    await expect(q.send([{ body: 'x' }])).rejects.toThrow(/not enqueued after 3 attempts/);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(3);
  });
});
