/**
 * Runs items as batches, "group commit" style: the first item waits `collectMs` for
 * others to join it (0: it starts at once); items added while a batch runs wait for it
 * and then go together as the next batch. Under load, the number of batches follows how
 * fast they complete and the collecting time, not how many items arrive.
 *
 * `run` answers every item of a batch, in order. When it throws, every item of that
 * batch fails with the error; later batches still run.
 */
export function groupBatches<Item, Result>(options: {
  run: (items: Item[]) => Promise<Result[]>;
  /** The most items in one batch; more wait for the next. A full batch starts at once. */
  maxBatch: number;
  /** How long the first item of a batch waits for more, in ms. */
  collectMs?: number;
}): (item: Item) => Promise<Result> {
  let waiting: Array<{ item: Item; resolve(result: Result): void; reject(error: unknown): void }> = [];
  let running = false;
  let collecting: ReturnType<typeof setTimeout> | undefined;

  const next = (): void => {
    if (running || waiting.length === 0) return;
    clearTimeout(collecting);
    collecting = undefined;
    const batch = waiting.slice(0, options.maxBatch);
    waiting = waiting.slice(batch.length);
    running = true;
    options
      .run(batch.map((entry) => entry.item))
      .then((results) => {
        if (results.length !== batch.length)
          throw new Error(`a batch of ${batch.length} was answered with ${results.length} results`);
        batch.forEach((entry, i) => entry.resolve(results[i]!));
      })
      // A failed run and a wrong answer count alike fail the whole batch.
      .catch((error: unknown) => {
        for (const entry of batch) entry.reject(error);
      })
      .finally(() => {
        running = false;
        next();
      });
  };

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!options.collectMs || waiting.length >= options.maxBatch) next();
      else collecting ??= setTimeout(next, options.collectMs);
    });
}
