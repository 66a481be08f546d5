// Who is typing: shown until they stop, or for a few seconds after their last signal (a stop
// can be lost with a dropped connection), then the host renders again without them.
const SHOWN = 8_000;

export class WhoIsTyping<K> {
  private map = new Map<K, {name: string | null; until: number}>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private changed: () => void) {}

  /** A typing event from the server. */
  apply(key: K, name: string | null, typing: boolean): void {
    if (typing) this.map.set(key, {name, until: Date.now() + SHOWN});
    else this.map.delete(key);
    clearTimeout(this.timer);
    if (this.map.size) this.timer = setTimeout(this.changed, SHOWN + 50);
  }

  /** Their message arrived: they stopped. */
  delete(key: K): void {
    this.map.delete(key);
  }

  get(key: K): {name: string | null} | undefined {
    const t = this.map.get(key);
    return t && t.until > Date.now() ? t : undefined;
  }

  get names(): (string | null)[] {
    const now = Date.now();
    return [...this.map.values()].filter((t) => t.until > now).map((t) => t.name);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  clear(): void {
    this.map.clear();
    this.stop();
  }
}
