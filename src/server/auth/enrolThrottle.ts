/**
 * Failed enrolment attempts per key (issue 14): a client address, or one half of a code. After
 * `max` failures within `windowMs` the key waits until the oldest of its last `max` failures leaves
 * the window, so a key that keeps failing stays held. Successes never count, so a hall enrolling
 * many laptops from one address (a NAT, the benchmarks) is not slowed. In memory, per server
 * process: a restart forgets, which costs a guesser nothing they could not get by waiting.
 */
export class EnrolThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 60_000,
    /** Keys kept at most; beyond it the least recently failed are forgotten (memory stays bounded under a flood). */
    private readonly capacity = 10_000,
  ) {}

  /** Milliseconds `key` must wait before its next attempt; 0 when it may try now. */
  waitMs(key: string, now: number): number {
    const recent = this.recent(key, now);
    return recent.length >= this.max ? recent[0]! + this.windowMs - now : 0;
  }

  fail(key: string, now: number): void {
    const recent = [...this.recent(key, now), now].slice(-this.max);
    // Re-inserted at the end: the Map's order is then least recently failed first, which is what
    // a flood of other keys evicts — never the key that is being guessed at right now.
    this.failures.delete(key);
    this.failures.set(key, recent);
    for (const oldest of this.failures.keys()) {
      if (this.failures.size <= this.capacity) break;
      this.failures.delete(oldest);
    }
  }

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => t + this.windowMs > now);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }
}
