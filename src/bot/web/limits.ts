/**
 * Per-key request limits of the web chat, kept in this process: a fixed window counter (at most
 * `max` hits per key in each `windowMs`, wall-clock time) and a count of what a key holds open
 * (event streams per IP and in all). Each process of the service keeps its own; the web chat is
 * meant for one process beside Telegram and Slack, so that is the limit that matters.
 */
export class WindowCounter {
  private readonly windows = new Map<string, { start: number; hits: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a hit for the key; false when the key had its `max` in this window already. */
  hit(key: string): boolean {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size >= 10_000) this.prune(now);
      window = { start: now, hits: 0 };
      this.windows.set(key, window);
    }
    if (window.hits >= this.max) return false;
    window.hits += 1;
    return true;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.windowMs) this.windows.delete(key);
    }
  }
}

/** What is open now, by key and in all (the event streams of the web chat). */
export class OpenCount {
  private readonly byKey = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly maxTotal: number,
    private readonly maxPerKey: number,
  ) {}

  /** Takes a place for the key; undefined when the key or the process has no more, else its release. */
  take(key: string): (() => void) | undefined {
    const held = this.byKey.get(key) ?? 0;
    if (this.total >= this.maxTotal || held >= this.maxPerKey) return undefined;
    this.byKey.set(key, held + 1);
    this.total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = (this.byKey.get(key) ?? 1) - 1;
      if (left > 0) this.byKey.set(key, left);
      else this.byKey.delete(key);
    };
  }
}
