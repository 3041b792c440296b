/** A fake clock and timers, so a minute of activity runs in milliseconds and exactly. */
export class FakeClock {
  now = 1_000_000;
  private timers: { at: number; fn: () => void; every?: number }[] = [];
  setTimeout = (fn: () => void, ms: number) => this.timers.push({ at: this.now + ms, fn });
  setInterval = (fn: () => void, ms: number) => this.timers.push({ at: this.now + ms, fn, every: ms });
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.now = next.at;
      if (next.every) next.at += next.every;
      else this.timers.splice(this.timers.indexOf(next), 1);
      next.fn();
    }
    this.now = until;
  }
}
