import { describe, expect, it } from 'vitest';
import { EnrolThrottle } from '../../src/server/auth/enrolThrottle.ts';

describe('EnrolThrottle', () => {
  it('holds a key after max failures within the window, for as long as it keeps failing', () => {
    const throttle = new EnrolThrottle(3, 1000);
    for (const t of [0, 10, 20]) throttle.fail('k', t);
    expect(throttle.waitMs('k', 20)).toBe(980);
    throttle.fail('k', 900);
    // The window now counts from the oldest of the last three failures (10).
    expect(throttle.waitMs('k', 1005)).toBe(5);
    expect(throttle.waitMs('k', 1010)).toBe(0);
  });

  it('under a flood of other keys forgets the least recently failed, never the key being guessed at', () => {
    const throttle = new EnrolThrottle(3, 60_000, 100);
    let t = 0;
    for (let round = 0; round < 3; round += 1) {
      throttle.fail('guessed', (t += 1));
      for (let i = 0; i < 90; i += 1) throttle.fail(`junk-${round}-${i}`, (t += 1));
    }
    expect(throttle.waitMs('guessed', t)).toBeGreaterThan(0);
    expect(throttle.waitMs('junk-0-0', t)).toBe(0);
  });
});
