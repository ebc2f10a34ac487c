import { describe, expect, it } from 'vitest';
import type { TpsCode } from '../../../src/domain/codes/codes.ts';
import {
  ObjectionDraftSchema,
  ObjectionSchema,
  coversTally,
  linkInScope,
  raisedByText,
  scopeText,
  validateObjection,
  type ObjectionDraft,
} from '../../../src/domain/objections/index.ts';
import { SetupSchema } from '../../../src/domain/setup/schema.ts';
import { demoJson } from '../setup/demo.ts';

const SETUP = SetupSchema.parse(demoJson());
const BAGON = '3509082007';
const TPS = '3509082007005' as TpsCode;

const draft = (over: Partial<ObjectionDraft> = {}): ObjectionDraft => ({
  kind: 'objection',
  scope: { level: 'tps', tps: TPS },
  contest: 'DPR',
  raisedBy: { role: 'witness', of: { kind: 'party', number: 3 }, name: 'Slamet' },
  description: 'Suara PDIP di TPS 005 dibacakan 47, tertulis 41.',
  ...over,
});

describe('objection schema', () => {
  it('accepts a complete draft and refuses blank descriptions, bad codes and unknown roles', () => {
    expect(ObjectionDraftSchema.safeParse(draft()).success).toBe(true);
    expect(ObjectionDraftSchema.safeParse(draft({ description: '   ' })).success).toBe(false);
    expect(ObjectionDraftSchema.safeParse(draft({ scope: { level: 'tps', tps: '35090820070' as TpsCode } })).success).toBe(false);
    expect(ObjectionDraftSchema.safeParse({ ...draft(), raisedBy: { role: 'mayor', name: 'x' } }).success).toBe(false);
    // "Other" must say who.
    expect(ObjectionDraftSchema.safeParse(draft({ raisedBy: { role: 'other', name: ' ' } })).success).toBe(false);
  });

  it('requires a note, who and when for every decision but pending', () => {
    const base = { ...draft(), id: 'x', recordedAt: '2024-02-18T01:00:00Z', recordedBy: 'Ketua', corrections: [] };
    expect(ObjectionSchema.safeParse({ ...base, decision: { status: 'pending' } }).success).toBe(true);
    expect(ObjectionSchema.safeParse({ ...base, decision: { status: 'rejected', note: '', by: 'Ketua', at: 'now' } }).success).toBe(false);
    expect(ObjectionSchema.safeParse({ ...base, decision: { status: 'recounted', note: 'Dihitung ulang: 47', by: 'Ketua', at: 'now' } }).success).toBe(true);
    expect(ObjectionSchema.safeParse({ ...base, decision: { status: 'ignored', note: 'x', by: 'Ketua', at: 'now' } }).success).toBe(false);
  });
});

describe('validateObjection against the Puger setup', () => {
  it('accepts witnesses of parties, pairs and DPD candidates on the ballot', () => {
    expect(validateObjection(draft(), SETUP)).toEqual([]);
    expect(validateObjection(draft({ contest: 'PPWP', raisedBy: { role: 'witness', of: { kind: 'pair', number: 2 }, name: null } }), SETUP)).toEqual([]);
    expect(validateObjection(draft({ contest: 'DPD', raisedBy: { role: 'witness', of: { kind: 'candidate', number: 4 }, name: null } }), SETUP)).toEqual([]);
    expect(validateObjection(draft({ contest: null, scope: { level: 'kecamatan' }, raisedBy: { role: 'panwascam', name: null } }), SETUP)).toEqual([]);
  });

  it('names what is wrong: unknown TPS, desa, ballot number, or a witness of another contest', () => {
    const paths = (d: ObjectionDraft) => validateObjection(d, SETUP).map((i) => i.path);
    expect(paths(draft({ scope: { level: 'tps', tps: '3509082007099' as TpsCode } }))).toEqual(['scope.tps']);
    expect(paths(draft({ scope: { level: 'desa', desa: '3509082099' as never } }))).toEqual(['scope.desa']);
    expect(paths(draft({ raisedBy: { role: 'witness', of: { kind: 'party', number: 20 }, name: null } }))).toEqual(['raisedBy.of.number']);
    expect(paths(draft({ contest: 'PPWP' }))).toEqual(['raisedBy.of.kind']);
    expect(validateObjection(draft({ raisedBy: { role: 'witness', of: { kind: 'pair', number: 4 }, name: null }, contest: 'PPWP' }), SETUP)[0]!.message.id).toContain('Nomor urut 4');
  });
});

describe('scope rules', () => {
  const decided = { status: 'noted', note: 'Dicatat', by: 'Ketua', at: 'x' } as const;
  it('covers a TPS only when decided, for its TPS and contest (or all contests)', () => {
    const o = { scope: { level: 'tps', tps: TPS } as const, contest: 'DPR' as const, decision: decided };
    expect(coversTally(o, TPS, 'DPR')).toBe(true);
    expect(coversTally(o, TPS, 'PPWP')).toBe(false);
    expect(coversTally({ ...o, contest: null }, TPS, 'PPWP')).toBe(true);
    expect(coversTally({ ...o, decision: { status: 'pending' } }, TPS, 'DPR')).toBe(false);
    expect(coversTally(o, '3509082007006' as TpsCode, 'DPR')).toBe(false);
    expect(coversTally({ ...o, scope: { level: 'desa', desa: BAGON as never } }, TPS, 'DPR')).toBe(false);
  });

  it('links only corrections inside the scope and contest', () => {
    expect(linkInScope({ scope: { level: 'tps', tps: TPS }, contest: 'DPR' }, { key: `${TPS}:DPR`, revision: 4 })).toBe(true);
    expect(linkInScope({ scope: { level: 'tps', tps: TPS }, contest: 'DPR' }, { key: `${TPS}:PPWP`, revision: 4 })).toBe(false);
    expect(linkInScope({ scope: { level: 'desa', desa: BAGON as never }, contest: null }, { key: '3509082007001:PPWP', revision: 1 })).toBe(true);
    expect(linkInScope({ scope: { level: 'desa', desa: BAGON as never }, contest: null }, { key: '3509082001001:PPWP', revision: 1 })).toBe(false);
    expect(linkInScope({ scope: { level: 'kecamatan' }, contest: null }, { key: '3509082001001:PPWP', revision: 1 })).toBe(true);
  });
});

describe('labels', () => {
  it('names the witness by ballot number and setup name, in both languages', () => {
    expect(raisedByText(SETUP, { role: 'witness', of: { kind: 'party', number: 3 }, name: 'Slamet' })).toEqual({
      id: 'Saksi partai 3 (PDIP) — Slamet',
      en: 'Witness of party 3 (PDIP) — Slamet',
    });
    expect(raisedByText(SETUP, { role: 'witness', of: { kind: 'pair', number: 2 }, name: null }).id).toBe('Saksi paslon 2 (Prabowo Subianto – Gibran Rakabuming Raka)');
    expect(raisedByText(SETUP, { role: 'other', name: 'Kepala desa' }).en).toBe('Other: Kepala desa');
    expect(scopeText(SETUP, { level: 'tps', tps: TPS }).id).toBe('BAGON, TPS 005');
  });
});
