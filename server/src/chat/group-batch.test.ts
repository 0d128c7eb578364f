import { describe, expect, it } from 'vitest';
import { groupBatches } from './group-batch';

/** A `run` that records its batches and finishes each one only when told to. */
function controlledRun() {
  const batches: number[][] = [];
  const finish: Array<(fail?: Error) => void> = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      finish.push((fail) => (fail ? reject(fail) : resolve(items.map((n) => `done ${n}`))));
    });
  return { batches, finish, run };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('groupBatches', () => {
  it('starts a lone item at once and groups the items that arrive while a batch runs', async () => {
    const { batches, finish, run } = controlledRun();
    const add = groupBatches({ run, maxBatch: 10 });
    const first = add(1);
    expect(batches).toEqual([[1]]);
    const waiting = [add(2), add(3), add(4)];
    expect(batches).toEqual([[1]]);
    finish[0]!();
    expect(await first).toBe('done 1');
    await settle();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish[1]!();
    expect(await Promise.all(waiting)).toEqual(['done 2', 'done 3', 'done 4']);
  });

  it('puts at most maxBatch items into one batch', async () => {
    const { batches, finish, run } = controlledRun();
    const add = groupBatches({ run, maxBatch: 2 });
    const all = [1, 2, 3, 4, 5].map((n) => add(n));
    for (let i = 0; i < 3; i++) {
      await settle();
      finish[i]!();
    }
    expect(await Promise.all(all)).toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('fails only the items of a failed batch; the next batch still runs', async () => {
    const { batches, finish, run } = controlledRun();
    const add = groupBatches({ run, maxBatch: 10 });
    const first = add(1);
    const second = [add(2), add(3)];
    const third = new Promise<string>((resolve) => setImmediate(() => resolve(add(4))));
    finish[0]!();
    await first;
    await settle();
    finish[1]!(new Error('database gone'));
    await expect(Promise.all(second)).rejects.toThrow('database gone');
    await settle();
    finish[2]!();
    expect(await third).toBe('done 4');
    expect(batches).toEqual([[1], [2, 3], [4]]);
  });

  it('lets the first item wait collectMs for others, unless the batch is full', async () => {
    const { batches, finish, run } = controlledRun();
    const add = groupBatches({ run, maxBatch: 3, collectMs: 30 });
    const first = [add(1), add(2)];
    await settle();
    expect(batches).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(batches).toEqual([[1, 2]]);
    finish[0]!();
    expect(await Promise.all(first)).toEqual(['done 1', 'done 2']);
    await settle();
    const full = [add(3), add(4), add(5)];
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    finish[1]!();
    expect(await Promise.all(full)).toEqual(['done 3', 'done 4', 'done 5']);
  });

  it('fails a batch whose answer does not match its items', async () => {
    const add = groupBatches<number, number>({ run: async () => [], maxBatch: 10 });
    await expect(add(1)).rejects.toThrow('a batch of 1 was answered with 0 results');
    const fine = groupBatches<number, number>({ run: async (items) => items, maxBatch: 10 });
    expect(await fine(7)).toBe(7);
  });
});
