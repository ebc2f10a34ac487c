import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, exportPublicJwk, fingerprint } from '../../../src/domain/crypto/index.ts';
import { signSummary, verifySummary, type SummaryFailure, type SummaryFile } from '../../../src/domain/summary/index.ts';
import { figurePaths, getFigure, type FieldPath } from '../../../src/domain/tally/fields.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';
import { roundTrip, signedKecamatan, type Signed } from './helpers.ts';

type Level = 'tps' | 'desa' | 'kecamatan';

interface Target {
  level: Level;
  contest: number;
  desa: number;
  tps: number;
  path: FieldPath;
  value: number;
}

/** Every entered figure of the file, at each of the three levels. */
function targets(file: SummaryFile): Target[] {
  const out: Target[] = [];
  const add = (level: Level, contest: number, desa: number, tps: number, figures: object) => {
    for (const path of figurePaths(figures as Tally)) {
      const value = getFigure(figures as Tally, path);
      if (typeof value === 'number') out.push({ level, contest, desa, tps, path, value });
    }
  };
  file.contests.forEach((block, c) => {
    add('kecamatan', c, -1, -1, block.kecamatan.figures);
    block.desa.forEach((desa, d) => {
      add('desa', c, d, -1, desa.figures);
      desa.tps.forEach((entry, t) => add('tps', c, d, t, entry.figures));
    });
  });
  return out;
}

/** Replaces one decimal digit of `value` (position from the left) by another digit. */
function changeDigit(value: number, position: number, digit: number): number {
  const digits = String(value).split('');
  const i = position % digits.length;
  const old = Number(digits[i]);
  digits[i] = String(digit === old ? (digit + 1) % 10 : digit);
  return Number(digits.join(''));
}

function figuresAt(file: SummaryFile, t: Target): Record<string, unknown> {
  const block = file.contests[t.contest]!;
  if (t.level === 'kecamatan') return block.kecamatan.figures as unknown as Record<string, unknown>;
  const desa = block.desa[t.desa]!;
  return (t.level === 'desa' ? desa.figures : desa.tps[t.tps]!.figures) as unknown as Record<string, unknown>;
}

function setPath(root: Record<string, unknown>, path: string, value: number): void {
  const parts = path.split('.');
  let node = root;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}

const mismatches = (failures: SummaryFailure[]) =>
  failures.filter((f): f is Extract<SummaryFailure, { kind: 'total-mismatch' }> => f.kind === 'total-mismatch');

describe('tamper detection (property: any single-digit change of any figure)', () => {
  let signed: Signed;
  let all: Target[];
  beforeAll(async () => {
    // PPWP (per pair) and DPR (per party, per candidate): every kind of figure path.
    signed = await signedKecamatan({ perDesa: 1, seed: 3, contests: ['PPWP', 'DPR'] });
    all = targets(signed.file);
  });

  it('is detected with the failure naming the level, desa, contest and figure, stated vs recomputed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 9 }), async (pick, position, digit) => {
        const target = all[pick % all.length]!;
        const tampered = roundTrip(signed.file);
        const changed = changeDigit(target.value, position, digit);
        expect(changed).not.toBe(target.value);
        setPath(figuresAt(tampered, target), target.path, changed);

        const result = await verifySummary(tampered, { trust: signed.serverKey, setup: signed.setup });
        if (!result.ok) throw new Error('a tampered figure is still a readable summary');
        const report = result.value;
        expect(report.valid).toBe(false);
        expect(report.failures[0]).toEqual({ kind: 'signature-invalid' });

        const block = tampered.contests[target.contest]!;
        const found = mismatches(report.failures);
        const desaCode = target.level === 'kecamatan' ? null : block.desa[target.desa]!.code;
        // A desa total or kecamatan total stated wrongly: exactly that figure at exactly that level.
        // A TPS figure: its desa's and the kecamatan's sums both disagree with what is stated.
        const delta = changed - target.value;
        const expected =
          target.level === 'tps'
            ? [
                { level: 'desa', desa: desaCode, delta },
                { level: 'kecamatan', desa: null, delta },
              ]
            : [{ level: target.level, desa: desaCode, delta: -delta }];
        expect(found.map((f) => ({ level: f.level, desa: f.desa, delta: (f.recomputed ?? 0) - (f.stated ?? 0) }))).toEqual(expected);
        if (target.level !== 'tps') expect(found[0]).toMatchObject({ stated: changed, recomputed: target.value });
        for (const f of found) {
          expect(f.path).toBe(target.path);
          expect(f.contest).toBe(block.contest);
        }
        if (target.level === 'tps') {
          // The TPS's own checks flag the changed figure, so the failure names where to look.
          const tps = block.desa[target.desa]!.tps[target.tps]!.tps;
          for (const f of found) expect(f.suspects).toContain(tps);
        }
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it('is still detected when the forger re-signs the changed file with a key of their own', async () => {
    const forger = await generateKeyPair(true);
    const forgerKey = await exportPublicJwk(forger.publicKey);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 9 }), async (pick, position, digit) => {
        const target = all[pick % all.length]!;
        const tampered = roundTrip(signed.file);
        setPath(figuresAt(tampered, target), target.path, changeDigit(target.value, position, digit));
        const { signature: _s, ...unsigned } = tampered;
        const forged = await signSummary(
          { ...unsigned, signer: { ...unsigned.signer, publicKey: forgerKey, fingerprint: await fingerprint(forgerKey) } },
          forger.privateKey,
        );
        const result = await verifySummary(roundTrip(forged), { trust: signed.serverKey });
        if (!result.ok) throw new Error('unreadable');
        const kinds = new Set(result.value.failures.map((f) => f.kind));
        // The signature is the forger's and fine; the arithmetic and the attestation are not.
        expect(kinds.has('signature-invalid')).toBe(false);
        expect(kinds.has('total-mismatch')).toBe(true);
        expect(kinds.has('attestation-key-mismatch')).toBe(true);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
