/**
 * Failed enrolment attempts per client address (issue 14): a one-time code is short enough to type,
 * so without a limit it could be guessed at hundreds of tries a second. After `max` failures within
 * `windowMs` the address waits until the oldest of them leaves the window; a right code then works
 * again. Successful enrolments never count, so a hall enrolling many laptops from one address (a
 * NAT, the benchmarks) is not slowed. In memory: a restart forgets, which costs a guesser nothing
 * they could not get by waiting a minute.
 */
export class EnrolThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 60_000,
    /** Addresses kept at most; beyond it the quietest are forgotten (memory stays bounded under a flood). */
    private readonly capacity = 10_000,
  ) {}

  /** Milliseconds `address` must wait before its next attempt; 0 when it may try now. */
  waitMs(address: string, now: number): number {
    const recent = this.recent(address, now);
    return recent.length >= this.max ? recent[0]! + this.windowMs - now : 0;
  }

  fail(address: string, now: number): void {
    const recent = this.recent(address, now);
    recent.push(now);
    this.failures.set(address, recent);
    if (this.failures.size > this.capacity) {
      for (const [key, times] of this.failures) {
        if ((times.at(-1) ?? 0) + this.windowMs <= now || this.failures.size > this.capacity) this.failures.delete(key);
        if (this.failures.size <= this.capacity) break;
      }
    }
  }

  private recent(address: string, now: number): number[] {
    const kept = (this.failures.get(address) ?? []).filter((t) => t + this.windowMs > now);
    if (kept.length === 0) this.failures.delete(address);
    else this.failures.set(address, kept);
    return kept;
  }
}
