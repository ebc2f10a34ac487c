import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { desaFinalisation, desaBlockerText, kecamatanFinalisation } from '../../../src/domain/finalisation/index.ts';
import { figurePaths, getFigure, setFigure } from '../../../src/domain/tally/fields.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';
import { tpsCode } from '../../../src/domain/codes/codes.ts';
import { DESA, DESA_TPS, OTHER_DESA, SETUP, objection, talliesOf } from './fixtures.ts';
import type { Objection } from '../../../src/domain/objections/index.ts';

const clean = talliesOf(DESA, 'PPWP');
const run = (tallies: readonly Tally[], objections: Objection[] = []) => desaFinalisation({ setup: SETUP, desa: DESA, contest: 'PPWP', tallies, objections });
const replace = (tallies: readonly Tally[], next: Tally) => tallies.map((t) => (t.tps === next.tps ? next : t));

describe('desaFinalisation', () => {
  it('allows a desa whose TPS are all verified and check-clean, listing every TPS', () => {
    const result = run(clean);
    expect(result).toEqual({ ok: true, value: { tps: DESA_TPS, covered: [] } });
  });

  it('ignores tallies of other desa and contests', () => {
    const other = talliesOf(OTHER_DESA, 'PPWP').map((t) => ({ ...t, status: 'draft' as const }));
    const dpr = talliesOf(DESA, 'DPR').map((t) => ({ ...t, status: 'draft' as const }));
    expect(run([...clean, ...other, ...dpr]).ok).toBe(true);
  });

  it('blocks on missing, empty and unverified TPS, naming each', () => {
    const [first, second, third] = DESA_TPS;
    const tallies = clean
      .filter((t) => t.tps !== first)
      .map((t) => (t.tps === second ? { ...t, status: 'entered' as const } : t.tps === third ? { ...t, status: 'empty' as const } : t));
    const result = run(tallies);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual([
      { kind: 'missing', tps: first },
      { kind: 'not-verified', tps: second, status: 'entered' },
      { kind: 'missing', tps: third },
    ]);
    expect(desaBlockerText(result.error[1]!).id).toBe(`TPS ${second!.slice(10)}: belum terverifikasi (status dientri)`);
  });

  it('counts final tallies as done', () => {
    expect(run(clean.map((t) => ({ ...t, status: 'final' as const }))).ok).toBe(true);
  });

  it('blocks on an error until a decided objection of that TPS (and contest, or all contests) covers it', () => {
    const broken = setFigure(clean[0]!, 'valid', (getFigure(clean[0]!, 'valid') as number) + 1);
    const tallies = replace(clean, broken);
    const tps = broken.tps;
    const blocked = run(tallies);
    expect(blocked).toEqual({ ok: false, error: [{ kind: 'uncovered', tps, codes: ['E06', 'E08'] }] });

    // Not covering: pending, another TPS, another contest, the desa as a whole.
    const notCovering = [
      objection({ level: 'tps', tps }, 'PPWP', false),
      objection({ level: 'tps', tps: DESA_TPS[1]! }, 'PPWP'),
      objection({ level: 'tps', tps }, 'DPR'),
      objection({ level: 'desa', desa: DESA }, 'PPWP'),
    ];
    expect(run(tallies, notCovering).ok).toBe(false);

    for (const contest of ['PPWP', null] as const) {
      const result = run(tallies, [...notCovering, objection({ level: 'tps', tps }, contest)]);
      expect(result).toEqual({ ok: true, value: { tps: DESA_TPS, covered: [{ tps, codes: ['E06', 'E08'] }] } });
    }
  });

  it('treats a warning never accepted like an error, and an accepted one as done', () => {
    const t = clean[0]!;
    const received = getFigure(t, 'ballots.received') as number;
    // W02 alone: more ballots received than the reserve, balanced by unused ballots.
    const w02 = setFigure(setFigure(t, 'ballots.received', received + 1), 'ballots.unused', (getFigure(t, 'ballots.unused') as number) + 1);
    expect(run(replace(clean, w02))).toEqual({ ok: false, error: [{ kind: 'uncovered', tps: t.tps, codes: ['W02'] }] });
    const accepted = { ...w02, acceptedWarnings: [{ code: 'W02', reason: 'Kiriman KPU lebih satu' }] };
    expect(run(replace(clean, accepted)).ok).toBe(true);
  });

  it('refuses a desa or contest that is not in the setup (a caller bug)', () => {
    expect(() => desaFinalisation({ setup: SETUP, desa: '9999999999' as never, contest: 'PPWP', tallies: [], objections: [] })).toThrow();
  });
});

describe('desaFinalisation properties', () => {
  // Every figure of the form appears in one of its equations, so changing any one breaks the arithmetic.
  const paths = figurePaths(clean[0]!);
  it('adding an uncovered error always blocks, naming that TPS', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: clean.length - 1 }),
        fc.constantFrom(...paths),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.tuple(fc.nat({ max: DESA_TPS.length - 1 }), fc.constantFrom('PPWP', 'DPR', null), fc.boolean(), fc.constantFrom('tps', 'desa')), { maxLength: 4 }),
        (index, path, delta, specs) => {
          const target = clean[index]!;
          const before = getFigure(target, path) as number;
          const value = before + delta <= 999 ? before + delta : before - delta;
          const broken = setFigure(target, path, value);
          // Objections that do not cover it: another TPS, another contest, pending, or the desa level.
          const objections = specs
            .map(([i, contest, decided, level]) =>
              level === 'desa' ? objection({ level: 'desa', desa: DESA }, contest, decided) : objection({ level: 'tps', tps: DESA_TPS[i]! }, contest, decided),
            )
            .filter((o) => !(o.scope.level === 'tps' && o.scope.tps === target.tps && o.decision.status !== 'pending' && (o.contest === null || o.contest === 'PPWP')));
          const result = run(replace(clean, broken), objections);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.some((b) => b.kind === 'uncovered' && b.tps === target.tps && b.codes.some((c) => c.startsWith('E')))).toBe(true);
        },
      ),
    );
  });
});

describe('kecamatanFinalisation', () => {
  it('finalises only when every desa of the setup is final, naming the others', () => {
    const all = new Set(SETUP.desa.map((d) => d.code));
    expect(kecamatanFinalisation(SETUP, all)).toEqual({ ok: true, value: { desa: SETUP.desa.map((d) => d.code) } });
    const missing = OTHER_DESA;
    const some = new Set([...all].filter((d) => d !== missing));
    expect(kecamatanFinalisation(SETUP, some)).toEqual({ ok: false, error: [{ kind: 'desa-not-final', desa: missing }] });
  });
});

it('fixtures: the first desa has more than two TPS', () => {
  expect(DESA_TPS.length).toBeGreaterThan(2);
  expect(DESA_TPS[0]).toBe(tpsCode(DESA, SETUP.desa.find((d) => d.code === DESA)!.tps[0]!));
});
