import { describe, expect, it } from 'vitest';
import type { DesaCode, TpsCode } from '../../../src/domain/codes/codes.ts';
import { failureText, type SummaryFailure, type SummaryFailureKind } from '../../../src/domain/summary/index.ts';

const desa = '3509082001' as DesaCode;
const tps = '3509082001004' as TpsCode;

/** One of each kind: a new kind without a sentence fails to compile here. */
const samples: { [K in SummaryFailureKind]: Extract<SummaryFailure, { kind: K }> } = {
  'signature-invalid': { kind: 'signature-invalid' },
  'fingerprint-mismatch': { kind: 'fingerprint-mismatch', stated: 'AAAA BBBB CCCC DDDD', computed: '1234 5678 9ABC DEF0' },
  'attestation-missing': { kind: 'attestation-missing' },
  'attestation-signature-invalid': { kind: 'attestation-signature-invalid' },
  'attestation-untrusted': { kind: 'attestation-untrusted', serverFingerprint: '1111 2222 3333 4444', trustedFingerprint: '5555 6666 7777 8888' },
  'attestation-key-mismatch': { kind: 'attestation-key-mismatch' },
  'attestation-scope-mismatch': { kind: 'attestation-scope-mismatch', field: 'role', attested: 'clerk', stated: 'chair' },
  'contest-order': { kind: 'contest-order', contest: 'PPWP', previous: 'DPD' },
  'desa-order': { kind: 'desa-order', contest: 'DPR', desa, previous: '3509082002' as DesaCode },
  'desa-outside-kecamatan': { kind: 'desa-outside-kecamatan', contest: 'DPR', desa: '3509092001' as DesaCode },
  'tps-order': { kind: 'tps-order', contest: 'PPWP', desa, tps, previous: '3509082001007' as TpsCode },
  'tps-outside-desa': { kind: 'tps-outside-desa', contest: 'PPWP', desa, tps: '3509082002001' as TpsCode },
  'contest-mismatch': { kind: 'contest-mismatch', contest: 'PPWP', where: `TPS ${tps}`, found: 'DPD' },
  'total-mismatch': {
    kind: 'total-mismatch',
    contest: 'PPWP',
    level: 'desa',
    desa,
    desaName: 'Puger Kulon',
    path: 'votes.2',
    stated: 1234,
    recomputed: 1244,
    tpsCount: 31,
    suspects: [tps],
  },
  'count-mismatch': { kind: 'count-mismatch', contest: 'DPD', level: 'kecamatan', desa: null, stated: 365, recomputed: 364 },
  'list-mismatch': { kind: 'list-mismatch', contest: 'DPD', level: 'desa', desa, field: 'tpsMissing', notListed: [tps], wronglyListed: [] },
  'tps-missing-and-included': { kind: 'tps-missing-and-included', contest: 'PPWP', desa, tps },
  'setup-hash-mismatch': { kind: 'setup-hash-mismatch', stated: 'a'.repeat(64), computed: 'b'.repeat(64) },
  'tps-not-in-setup': { kind: 'tps-not-in-setup', contest: 'PPWP', tps },
  'tps-leaf-mismatch': { kind: 'tps-leaf-mismatch', contest: 'PPWP', desa, tps, figures: [{ path: 'votes.2', now: 1120, signed: 110 }] },
  'tree-mismatch': { kind: 'tree-mismatch', statedSize: 24, leaves: 24 },
};

describe('failureText', () => {
  it('a changed TPS of a v2 summary is named with the figure, its value now and the signed one', () => {
    const { id, en } = failureText(samples['tps-leaf-mismatch']);
    expect(id).toContain('TPS 3509082001004');
    expect(id).toContain('paslon 2 (votes.2) sekarang 1.120, yang ditandatangani 110');
    expect(en).toContain('(votes.2) now 1,120, signed 110');
  });

  it.each(Object.values(samples))('$kind has a distinct Indonesian and English sentence', (failure) => {
    const message = failureText(failure);
    expect(message.id.length).toBeGreaterThan(20);
    expect(message.en.length).toBeGreaterThan(20);
    expect(message.id).not.toBe(message.en);
  });

  it('a wrong total names the contest, desa, figure and both values, numbers per language, and where to look', () => {
    const { id, en } = failureText(samples['total-mismatch']);
    expect(id).toContain('Puger Kulon (3509082001)');
    expect(id).toContain('votes.2');
    expect(id).toContain('paslon 2');
    expect(id).toContain('tertulis 1.234');
    expect(id).toContain('1.244');
    expect(id).toContain('TPS 3509082001004');
    expect(en).toContain('stated 1,234');
    expect(en).toContain('recomputed from 31 TPS 1,244');
    expect(en).toContain('Check TPS 3509082001004');
  });

  it('a TPS list names exactly who is left out', () => {
    expect(failureText(samples['list-mismatch']).en).toBe(
      'DPD, desa 3509082001, list of missing TPS: not listed: 3509082001004.',
    );
  });
});
