/**
 * Gathers the look-ups asked for while the event loop works through one round of I/O and answers
 * them with one query. Under a rush, requests that arrive together share a database round trip
 * (one socket write instead of dozens); a lone request waits only for the end of its round. No
 * answer is kept: each look-up reads the database as it is when its batch runs.
 */
export function batchedLoader<K, V>(
  /** Answers every key, in the order of the keys. */
  load: (keys: K[]) => Promise<V[]>,
  maxBatch = 100,
): (key: K) => Promise<V> {
  type Waiting = { key: K; resolve: (value: V) => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];

  function run(batch: Waiting[]) {
    load(batch.map((w) => w.key)).then(
      (values) => {
        if (values.length !== batch.length) {
          const error = new Error(`batched load answered ${values.length} of ${batch.length}`);
          for (const w of batch) w.reject(error);
          return;
        }
        batch.forEach((w, i) => w.resolve(values[i]!));
      },
      (error: unknown) => {
        for (const w of batch) w.reject(error);
      },
    );
  }

  function flush() {
    const all = waiting;
    waiting = [];
    for (let i = 0; i < all.length; i += maxBatch) run(all.slice(i, i + maxBatch));
  }

  return (key) =>
    new Promise<V>((resolve, reject) => {
      if (waiting.length === 0) setImmediate(flush);
      waiting.push({ key, resolve, reject });
    });
}
