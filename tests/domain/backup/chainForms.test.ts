import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/domain/audit/schema.ts';
import { compareFormsWithChain, type BackupForm } from '../../../src/domain/backup/chainForms.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';

const KEY = '3509082001001:PPWP';
const entry = (at: string, after: Record<string, unknown>): AuditEntry => ({ at, record: { kind: 'tally', key: KEY }, after }) as unknown as AuditEntry;
const form = (votes1: number, status = 'draft'): BackupForm => ({ key: KEY, status, tally: { contest: 'PPWP', status, votes: { 1: votes1, 2: 5 } } as unknown as Tally });

describe('each form against what the device chain says it ended at', () => {
  const chain = [entry('2024-02-15T01:00:00.000Z', { 'votes.1': 10 }), entry('2024-02-15T01:01:00.000Z', { 'votes.1': 12, status: 'entered' })];

  it('names the first cell that differs, and accepts the form as the chain left it', () => {
    expect(compareFormsWithChain([form(12, 'entered')], chain, [])).toBeNull();
    expect(compareFormsWithChain([form(13, 'entered')], chain, [])).toEqual({ key: KEY, path: 'votes.1', chain: 12, file: 13 });
    expect(compareFormsWithChain([form(12, 'verified')], chain, [])).toEqual({ key: KEY, path: 'status', chain: 'entered', file: 'verified' });
  });

  it('leaves a form another device changed later (a pull after the last entry) to the signature, but not one this device imported', () => {
    expect(compareFormsWithChain([form(20, 'entered')], chain, [{ key: KEY, at: '2024-02-15T02:00:00.000Z', kind: 'import' }])).toBeNull();
    expect(compareFormsWithChain([form(20, 'entered')], chain, [{ key: KEY, at: '2024-02-15T01:01:00.000Z', kind: 'import' }])).not.toBeNull();
    expect(compareFormsWithChain([form(20, 'entered')], chain, [{ key: KEY, at: '2024-02-15T02:00:00.000Z', kind: 'edit' }])).not.toBeNull();
  });
});
