// Typing indicators. Who is typing: shown until they stop, or for a few seconds after their last signal (a stop
// can be lost with a dropped connection), then the host renders again without them.
const SHOWN = 8_000;
const RESEND = 3_000;
const IDLE = 4_000;

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

/** Our own signals: typing:start at most every few seconds, typing:stop once idle. */
export class TypingSignal {
  private sentAt = 0;
  private timer?: ReturnType<typeof setTimeout>;

  /** `joined` gives the sender while in a conversation, undefined otherwise. */
  constructor(private joined: () => ((typing: boolean) => void) | undefined) {}

  typed(): void {
    const send = this.joined();
    if (!send) return;
    const now = Date.now();
    if (now - this.sentAt > RESEND) {
      this.sentAt = now;
      send(true);
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.stop(), IDLE);
  }

  stop(): void {
    clearTimeout(this.timer);
    if (!this.sentAt) return;
    this.sentAt = 0;
    this.joined()?.(false);
  }
}
