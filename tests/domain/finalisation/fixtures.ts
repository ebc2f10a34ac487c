// A small generated kecamatan (verified, check-clean tallies) and objections to test the rules with.
import { tpsCode, type DesaCode, type TpsCode } from '../../../src/domain/codes/codes.ts';
import type { Objection, ObjectionScope } from '../../../src/domain/objections/index.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { generateKecamatan } from '../../../src/domain/synthetic/generate.ts';
import type { ContestId } from '../../../src/domain/tally/contest.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';

export const { setup: SETUP, tallies: TALLIES }: { setup: Setup; tallies: Tally[] } = generateKecamatan({ tps: 200, seed: 7 });
/** The smallest desa keeps the property tests quick. */
const SMALLEST = [...SETUP.desa].sort((a, b) => a.tps.length - b.tps.length)[0]!;
export const DESA: DesaCode = SMALLEST.code;
export const OTHER_DESA: DesaCode = SETUP.desa.find((d) => d.code !== DESA)!.code;
export const DESA_TPS: TpsCode[] = SMALLEST.tps.map((n) => tpsCode(DESA, n));

export const talliesOf = (desa: DesaCode, contest: ContestId): Tally[] => TALLIES.filter((t) => t.tps.startsWith(desa) && t.contest === contest);

export function objection(scope: ObjectionScope, contest: ContestId | null, decided = true): Objection {
  return {
    id: `o-${Math.random().toString(36).slice(2)}`,
    kind: 'special-event',
    scope,
    contest,
    raisedBy: { role: 'panwascam', name: null },
    description: 'Formulir C.Hasil di TPS ini memang tidak konsisten; dicatat.',
    recordedAt: '2024-02-18T03:00:00.000Z',
    recordedBy: 'Ketua PPK',
    decision: decided ? { status: 'noted', note: 'Dicatat dalam berita acara', by: 'Ketua PPK', at: '2024-02-18T03:10:00.000Z' } : { status: 'pending' },
    corrections: [],
  };
}
