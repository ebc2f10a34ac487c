import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/domain/audit/index.ts';
import { conflictBase, otherSideReason, type BaseRecord } from '../../src/sync/index.ts';

const tally = { tps: '3509082004001', contest: 'PPWP' } as unknown as BaseRecord['record'];
const base = (version: number): BaseRecord => ({ kind: 'tally', key: '3509082004001:PPWP', version, record: tally }) as BaseRecord;

describe('conflictBase', () => {
  it('is the stored copy of the version the changes are based on', () => {
    expect(conflictBase(3, base(3))).toEqual({ known: true, record: tally });
  });
  it('is nothing for changes never based on a server version, and unknown for a copy of another version', () => {
    expect(conflictBase(0, null)).toEqual({ known: true, record: null });
    expect(conflictBase(3, base(2))).toEqual({ known: false });
    expect(conflictBase(3, null)).toEqual({ known: false });
  });
});

describe('otherSideReason', () => {
  const entry = (device: string, at: string, reason: string | null) => ({ device, at, reason }) as AuditEntry;
  const deviceIds = new Map([
    ['hash-budi', 'dev-budi'],
    ['hash-ani', 'dev-ani'],
  ]);
  const server = { deviceId: 'dev-budi', at: '2024-02-20T03:00:00.000Z' };

  it('takes the other device’s latest change up to its version, not this device’s', () => {
    const entries = [
      entry('hash-budi', '2024-02-20T02:00:00.000Z', 'dibetulkan pagi'),
      entry('hash-budi', '2024-02-20T03:00:30.000Z', 'C.Hasil dibaca ulang'),
      entry('hash-ani', '2024-02-20T03:01:00.000Z', 'salah ketik'),
      entry('hash-budi', '2024-02-20T05:00:00.000Z', 'perubahan sesudahnya'),
    ];
    expect(otherSideReason({ entries, deviceIds }, server)).toEqual({ kind: 'reason', reason: 'C.Hasil dibaca ulang', at: '2024-02-20T03:00:30.000Z' });
  });

  it('says "none" for a change without a reason and "not-yet" before their trail arrives', () => {
    expect(otherSideReason({ entries: [entry('hash-budi', '2024-02-20T02:59:00.000Z', null)], deviceIds }, server)).toEqual({ kind: 'none', at: '2024-02-20T02:59:00.000Z' });
    expect(otherSideReason({ entries: [entry('hash-ani', '2024-02-20T02:59:00.000Z', 'x')], deviceIds }, server)).toEqual({ kind: 'not-yet' });
  });
});
