import { describe, expect, it } from 'vitest';
import { Batcher } from '../../../lambdas/store/batcher';

/** A send that records each batch and answers after a tick, like a network call. */
function recorder<R>(answer: (r: R) => unknown = () => undefined) {
  const batches: R[][] = [];
  const send = async (requests: R[]) => {
    batches.push(requests);
    await new Promise((r) => setTimeout(r, 1));
    return requests.map(answer);
  };
  return { batches, send };
}

const writes = (keys: string[]) => keys.map((key) => ({ key, request: key }));

describe('Batcher', () => {
  it('puts the writes of concurrent callers into shared batches of at most 25', async () => {
    const { batches, send } = recorder<string>();
    const b = new Batcher(send, { max: 25, delayMs: 1 });
    await Promise.all([
      b.run(writes(Array.from({ length: 10 }, (_, i) => `a${i}`))),
      b.run(writes(Array.from({ length: 30 }, (_, i) => `b${i}`))),
      b.run(writes(['c0'])),
    ]);
    expect(batches.map((x) => x.length)).toEqual([25, 16]);
    expect(batches.flat().sort()).toHaveLength(41);
  });

  it('never names one key twice in a batch, and the later write of a queued key wins', async () => {
    const { batches, send } = recorder<string>();
    const b = new Batcher<string, unknown>(send, { max: 25, delayMs: 1 });
    await Promise.all([
      b.run([{ key: 'k', request: 'first' }]),
      b.run([
        { key: 'k', request: 'second' },
        { key: 'other', request: 'other' },
      ]),
    ]);
    expect(batches).toEqual([['second', 'other']]);
  });

  it('holds a write of a key whose earlier write is being sent until that batch is done', async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const b = new Batcher<string, unknown>(
      async (requests) => {
        order.push(`send ${requests.join(',')}`);
        if (requests.includes('k=1')) await gate;
        order.push(`done ${requests.join(',')}`);
        return requests.map(() => undefined);
      },
      { max: 25, delayMs: 1 },
    );
    const first = b.run([{ key: 'k', request: 'k=1' }]);
    await new Promise((r) => setTimeout(r, 5));
    const second = b.run([{ key: 'k', request: 'k=2' }]);
    await new Promise((r) => setTimeout(r, 5));
    expect(order).toEqual(['send k=1']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['send k=1', 'done k=1', 'send k=2', 'done k=2']);
  });

  it('answers each caller with the results of its own requests, in order', async () => {
    const { send } = recorder<string>((r) => r.toUpperCase());
    const b = new Batcher(send, { max: 100, delayMs: 1 });
    const [x, y] = await Promise.all([b.run(writes(['a', 'b'])), b.run(writes(['c', 'a']))]);
    expect(x).toEqual(['A', 'B']);
    expect(y).toEqual(['C', 'A']);
  });

  it('rejects every caller of a batch that failed, and keeps serving the next ones', async () => {
    let fail = true;
    const b = new Batcher<string, unknown>(
      async (requests) => {
        if (fail) throw new Error('throttled');
        return requests.map(() => 'ok');
      },
      { max: 25, delayMs: 1 },
    );
    const results = await Promise.allSettled([b.run(writes(['a'])), b.run(writes(['b']))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(b.run(writes(['a']))).resolves.toEqual(['ok']);
  });
});
