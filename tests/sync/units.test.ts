import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF_CAP_MS, enrolmentLink, headSelector, parseEnrolmentCode, parseEventChunk } from '../../src/sync/index.ts';
import { mergeReasons } from '../../src/db/index.ts';

describe('backoff', () => {
  it('grows exponentially, stays within [window/2, window], never exceeds the cap, never zero', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const window = Math.min(BACKOFF_CAP_MS, 1000 * 2 ** attempt);
        const delay = backoffDelay(attempt, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(window / 2));
        expect(delay).toBeLessThanOrEqual(window);
        expect(delay).toBeGreaterThan(0);
      }),
    );
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(50, () => 0.5)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
  });

  it('spreads clients out (jitter)', () => {
    const delays = new Set([0.1, 0.5, 0.9].map((r) => backoffDelay(5, () => r)));
    expect(delays.size).toBe(3);
  });
});

describe('which ops go out', () => {
  it('per record only its oldest op, and none for a record in conflict or behind a refused op', () => {
    const select = headSelector(new Set(['k3']));
    const rows = [
      { key: 'k1', state: 'sent' },
      { key: 'k1', state: 'queued' },
      { key: 'k2', state: 'rejected' },
      { key: 'k2', state: 'queued' },
      { key: 'k3', state: 'queued' },
      { key: 'k4', state: 'queued' },
    ];
    expect(rows.map((r) => select(r))).toEqual([true, false, false, false, false, true]);
  });

  it('a desa’s finalisation waits for the next batch while one of its forms has an op behind one sent now', () => {
    const select = headSelector(new Set(['3509082007003:PPWP']));
    const rows = [
      // A resend (its answer was lost), and the form's finalise queued behind it.
      { key: '3509082007001:PPWP', state: 'sent' },
      { key: '3509082007001:PPWP', state: 'queued' },
      { key: '3509082007002:PPWP', state: 'queued' },
      // A form in conflict: its finalise never goes now, and the server judges the finalisation.
      { key: '3509082007003:PPWP', state: 'conflict' },
      { key: '3509082007003:PPWP', state: 'queued' },
      { key: '3509082007:PPWP', state: 'queued' },
      // Another desa, another contest of the same desa: not held back.
      { key: '3509082004:PPWP', state: 'queued' },
      { key: '3509082007:DPD', state: 'queued' },
    ];
    expect(rows.map((r) => select(r))).toEqual([true, false, true, false, false, false, true, true]);
    // Next batch: the form's finalise goes first, then the finalisation.
    const next = headSelector(new Set(['3509082007003:PPWP']));
    expect([{ key: '3509082007001:PPWP', state: 'queued' }, { key: '3509082007:PPWP', state: 'queued' }].map((r) => next(r))).toEqual([true, true]);
  });
});

describe('enrolment codes and links', () => {
  it('reads a bare code or a scanned link (which also names the server)', () => {
    expect(parseEnrolmentCode('  ABCD-1234 ')).toEqual({ code: 'ABCD-1234', serverUrl: null });
    expect(parseEnrolmentCode('https://ppk.local:8787/#/daftar/ABCD-1234')).toEqual({ code: 'ABCD-1234', serverUrl: 'https://ppk.local:8787' });
    expect(parseEnrolmentCode(enrolmentLink('https://ppk.local/rekap/', 'X Y'))).toEqual({ code: 'X Y', serverUrl: 'https://ppk.local/rekap' });
  });
});

describe('server-sent events', () => {
  it('parses data lines across chunk boundaries and ignores comments', () => {
    const seen: string[] = [];
    let rest = parseEventChunk(': ping\n\ndata: {"seq":1}\n\nda', (d) => seen.push(d));
    rest = parseEventChunk(`${rest}ta: {"seq":2}\r\n\r\n`, (d) => seen.push(d));
    expect(seen).toEqual(['{"seq":1}', '{"seq":2}']);
    expect(rest).toBe('');
  });
});

describe('reasons of folded writes', () => {
  it('keeps each distinct reason once, within the wire limit', () => {
    expect(mergeReasons(null, 'a')).toBe('a');
    expect(mergeReasons('a', null)).toBe('a');
    expect(mergeReasons('a', 'a')).toBe('a');
    expect(mergeReasons('a', 'b')).toBe('a | b');
    expect(mergeReasons('x'.repeat(499), 'y')!.length).toBe(500);
  });
});
