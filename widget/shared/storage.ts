// The one door to localStorage. A browser may block it (privacy settings) or be out of room:
// then reads find nothing, writes do nothing, and what would have been kept lasts as long as the page.

export function storage(): Storage | undefined {
  try {
    return localStorage;
  } catch {
    return undefined;
  }
}

/** The parsed value under `key`; undefined when absent, blocked or not JSON. */
export function readJson(key: string, from = storage()): unknown {
  try {
    return JSON.parse(from?.getItem(key) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeJson(key: string, value: unknown, to = storage()): void {
  try {
    to?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or blocked: kept in memory only.
  }
}

export function removeKey(key: string, from = storage()): void {
  try {
    from?.removeItem(key);
  } catch {
    // Nothing stored.
  }
}
