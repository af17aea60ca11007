import { describe, expect, it } from 'vitest';
import { batchedLoader } from './batch';

describe('batchedLoader', () => {
  it('answers the look-ups of one round with one load, each its own value', async () => {
    const loads: number[][] = [];
    const load = batchedLoader(async (keys: number[]) => {
      loads.push(keys);
      return keys.map((k) => k * 10);
    });
    expect(await Promise.all([load(1), load(2), load(3)])).toEqual([10, 20, 30]);
    expect(await load(4)).toBe(40);
    expect(loads).toEqual([[1, 2, 3], [4]]);
  });

  it('splits a large round into batches of the given size', async () => {
    const sizes: number[] = [];
    const load = batchedLoader(async (keys: number[]) => {
      sizes.push(keys.length);
      return keys;
    }, 2);
    expect(await Promise.all([1, 2, 3, 4, 5].map(load))).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('rejects every look-up of a failed batch, and the next round loads again', async () => {
    let fail = true;
    const load = batchedLoader(async (keys: string[]) => {
      if (fail) throw new Error('database down');
      return keys.map((k) => k.toUpperCase());
    });
    const failed = await Promise.allSettled([load('a'), load('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await load('c')).toBe('C');
  });

  it('rejects when the load answers a different number of values', async () => {
    const load = batchedLoader(async (keys: number[]) => keys.slice(1));
    await expect(Promise.all([load(1), load(2)])).rejects.toThrow('answered 1 of 2');
  });
});
