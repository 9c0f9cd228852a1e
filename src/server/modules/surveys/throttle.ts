import crypto from 'node:crypto';
import { AppError } from '../../http/problem.ts';

/*
 * Rate limits of the public questionnaire (decision 010), in memory of one process:
 * - failed attempts to open a code (unknown or malformed codes), per address: 60 per 15 minutes.
 *   Only failures count, so a town hall or care home where many respondents share one address is
 *   never slowed by successful use; a brute-force search is held to 5,760 guesses a day per
 *   address against a code space of 2^60.
 * - requests per code (open, draft, submit): 300 per 15 minutes – more than any person answering
 *   needs, and independent of the address.
 * Addresses are keyed by an HMAC with a key drawn at start, never kept or logged in clear.
 */

export const THROTTLE_LIMITS = {
  windowMs: 15 * 60_000,
  failuresPerAddress: 60,
  requestsPerCode: 300,
  maxKeys: 200_000,
} as const;

interface Bucket {
  count: number;
  windowStart: number;
}

class WindowCounter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  count(key: string, now: number): number {
    const b = this.buckets.get(key);
    return b && now - b.windowStart < this.windowMs ? b.count : 0;
  }
  /** Adds one and returns the new count in the current window. */
  hit(key: string, now: number): number {
    let b = this.buckets.get(key);
    if (!b || now - b.windowStart >= this.windowMs) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      b = { count: 0, windowStart: now };
      this.buckets.set(key, b);
    }
    b.count += 1;
    return b.count;
  }
  /** Seconds until the window of the key ends. */
  retryAfter(key: string, now: number): number {
    const b = this.buckets.get(key);
    return b ? Math.max(1, Math.ceil((b.windowStart + this.windowMs - now) / 1000)) : 1;
  }
  private prune(now: number): void {
    for (const [k, b] of this.buckets) if (now - b.windowStart >= this.windowMs) this.buckets.delete(k);
    // Still full (an attack from very many addresses): forget the oldest half rather than grow.
    if (this.buckets.size >= this.maxKeys) {
      let n = 0;
      for (const k of this.buckets.keys()) {
        if (n++ >= this.maxKeys / 2) break;
        this.buckets.delete(k);
      }
    }
  }
  clear(): void {
    this.buckets.clear();
  }
}

const tooMany = (retryAfter: number) =>
  new AppError(
    'too-many-requests',
    {
      de: 'Zu viele Versuche. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.',
      en: 'Too many attempts. Please wait a few minutes and try again.',
    },
    undefined,
    undefined,
    { 'retry-after': String(retryAfter) },
  );

export class PublicThrottle {
  private readonly key = crypto.randomBytes(32);
  private readonly failures: WindowCounter;
  private readonly perCode: WindowCounter;
  constructor(
    readonly limits: { windowMs: number; failuresPerAddress: number; requestsPerCode: number; maxKeys: number } = THROTTLE_LIMITS,
  ) {
    this.failures = new WindowCounter(limits.windowMs, limits.maxKeys);
    this.perCode = new WindowCounter(limits.windowMs, limits.maxKeys);
  }

  private addressKey(ip: string): string {
    return crypto.createHmac('sha256', this.key).update(ip).digest('base64url').slice(0, 22);
  }

  /** Refuses an address that has used up its failed attempts (checked before looking up a code). */
  checkAddress(ip: string, now = Date.now()): void {
    const k = this.addressKey(ip);
    if (this.failures.count(k, now) >= this.limits.failuresPerAddress) throw tooMany(this.failures.retryAfter(k, now));
  }

  /** Counts a failed attempt (unknown or malformed code) of the address. */
  fail(ip: string, now = Date.now()): void {
    this.failures.hit(this.addressKey(ip), now);
  }

  /** Counts a request for a known code; refuses beyond the per-code limit. */
  useCode(code: string, now = Date.now()): void {
    const k = crypto.createHmac('sha256', this.key).update(`code:${code}`).digest('base64url').slice(0, 22);
    if (this.perCode.hit(k, now) > this.limits.requestsPerCode) throw tooMany(this.perCode.retryAfter(k, now));
  }

  reset(): void {
    this.failures.clear();
    this.perCode.clear();
  }
}
