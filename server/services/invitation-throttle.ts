/**
 * Counts failed invitation-code attempts per client address in a sliding minute, so codes
 * cannot be guessed through POST /api/sync (GET /api/invitations/:code has its own route
 * rate limit). Only failures count: a desk full of respondents behind one address is not
 * slowed down by the codes they type correctly. In memory: a restart forgets, which only
 * helps an attacker by one window, and 50-bit codes make guessing hopeless anyway.
 */
export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may try now. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.prune(key, now);
    if (recent.length < this.max) return 0;
    return Math.ceil(((recent[0] ?? now) + this.windowMs - now) / 1000);
  }

  fail(key: string, now = Date.now()): void {
    const recent = this.prune(key, now);
    recent.push(now);
    this.failures.set(key, recent);
    // Keep memory bounded under a spray of addresses.
    if (this.failures.size > 100_000) this.failures.clear();
  }

  /** Forgets every failure (the app closing). */
  clear(): void {
    this.failures.clear();
  }

  private prune(key: string, now: number): number[] {
    const recent = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }
}
