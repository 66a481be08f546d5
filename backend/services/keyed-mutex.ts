// Runs async work one at a time per key. FerretDB applies concurrent updates to one document
// as read-modify-write (lost updates were measured: 50 concurrent $inc left the counter at 5),
// so every write to a conversation document goes through here within a process.
export interface KeyedMutex {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, work) {
      const prev = tails.get(key) ?? Promise.resolve();
      const next = prev.then(work, work);
      const tail = next.catch(() => {});
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return next;
    },
  };
}
