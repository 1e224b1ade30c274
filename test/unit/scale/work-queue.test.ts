import { describe, expect, it } from 'vitest';
import { InMemoryWorkQueue } from '../../../lambdas/queue/memory-work-queue';
import { chunk, type ReceivedMessage } from '../../../lambdas/queue/ports';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('InMemoryWorkQueue', () => {
  it('never hands one FIFO message group to two batches at once', async () => {
    const q = new InMemoryWorkQueue<{ n: number }>({ fifo: true });
    await q.send(Array.from({ length: 60 }, (_, n) => ({ body: { n }, groupId: `host-${n % 4}` })));
    const busy = new Set<string>();
    let overlaps = 0;
    const stats = await q.consume(
      async (batch) => {
        const groups = new Set(batch.map((m) => m.groupId!));
        for (const g of groups) if (busy.has(g)) overlaps++;
        for (const g of groups) busy.add(g);
        await tick();
        for (const g of groups) busy.delete(g);
        return { failedIds: [] };
      },
      { batchSize: 2, maxConcurrency: 8, maxReceiveCount: 3 },
    );
    expect(overlaps).toBe(0);
    expect(stats.deliveries).toBe(60);
    expect(stats.peakConcurrency).toBeLessThanOrEqual(4);
  });

  it('keeps a FIFO group in order', async () => {
    const q = new InMemoryWorkQueue<{ n: number }>({ fifo: true });
    await q.send(Array.from({ length: 12 }, (_, n) => ({ body: { n }, groupId: 'one' })));
    const seen: number[] = [];
    await q.consume(
      async (batch) => {
        seen.push(...batch.map((m) => m.body.n));
        return { failedIds: [] };
      },
      { batchSize: 5, maxConcurrency: 4, maxReceiveCount: 3 },
    );
    expect(seen).toEqual([...Array(12).keys()]);
  });

  it('delivers failed messages again and dead-letters them after maxReceiveCount receives', async () => {
    const q = new InMemoryWorkQueue<string>();
    await q.send(['ok-1', 'bad', 'ok-2'].map((body) => ({ body })));
    const received: ReceivedMessage<string>[] = [];
    const stats = await q.consume(
      async (batch) => {
        received.push(...batch);
        return { failedIds: batch.filter((m) => m.body === 'bad').map((m) => m.id) };
      },
      { batchSize: 10, maxConcurrency: 1, maxReceiveCount: 3 },
    );
    expect(received.filter((m) => m.body === 'bad').map((m) => m.receiveCount)).toEqual([1, 2, 3]);
    expect(q.deadLetters.map((m) => m.body)).toEqual(['bad']);
    expect(stats).toMatchObject({ deliveries: 5, redeliveries: 2, deadLettered: 1 });
  });

  it('fails the whole batch when the handler throws', async () => {
    const q = new InMemoryWorkQueue<number>();
    await q.send([1, 2].map((body) => ({ body })));
    await q.consume(
      async () => {
        throw new Error('boom');
      },
      { batchSize: 10, maxConcurrency: 1, maxReceiveCount: 2 },
    );
    expect(q.deadLetters.map((m) => m.body).sort()).toEqual([1, 2]);
  });

  it('runs at most maxConcurrency batches at once', async () => {
    const q = new InMemoryWorkQueue<number>();
    await q.send(Array.from({ length: 40 }, (_, body) => ({ body })));
    let running = 0;
    let peak = 0;
    await q.consume(
      async () => {
        running++;
        peak = Math.max(peak, running);
        await tick();
        running--;
        return { failedIds: [] };
      },
      { batchSize: 1, maxConcurrency: 3, maxReceiveCount: 1 },
    );
    expect(peak).toBe(3);
  });

  it('drops a FIFO message whose deduplication id was already sent', async () => {
    const q = new InMemoryWorkQueue<string>({ fifo: true });
    const first = await q.send([{ body: 'a', groupId: 'g', deduplicationId: 'd1' }]);
    const again = await q.send([
      { body: 'a', groupId: 'g', deduplicationId: 'd1' },
      { body: 'b', groupId: 'g', deduplicationId: 'd2' },
    ]);
    expect([first.sent, again.sent, q.size]).toEqual([1, 1, 2]);
  });
});

describe('chunk', () => {
  it('splits a list into chunks of at most the given size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});
