// Test tallies for the checks: consistent C.Hasil figures (no findings at all) to break one at a time.
import { TpsCodeSchema, type TpsCode } from '../../../src/domain/codes/codes.ts';
import type { ContestSetup } from '../../../src/domain/setup/index.ts';
import { emptyTally, setFigure, type FieldPath } from '../../../src/domain/tally/fields.ts';
import type { Figure, Tally } from '../../../src/domain/tally/tally.ts';
import type { CheckCode, Finding } from '../../../src/domain/checks/index.ts';

export const TPS1: TpsCode = TpsCodeSchema.parse('3509082001001');
export const TPS2: TpsCode = TpsCodeSchema.parse('3509082001002');
export const TPS_OTHER_DESA: TpsCode = TpsCodeSchema.parse('3509082002001');

export const PPWP: ContestSetup = {
  id: 'PPWP',
  name: 'Presiden dan Wakil Presiden',
  candidates: [1, 2, 3].map((number) => ({ number, name: `Paslon ${number}` })),
};
export const DPD: ContestSetup = {
  id: 'DPD',
  name: 'DPD',
  candidates: [1, 2, 3, 4].map((number) => ({ number, name: `Calon ${number}` })),
};
export const DPR: ContestSetup = {
  id: 'DPR',
  name: 'DPR',
  dapil: { name: 'Jawa Timur IV', seats: 2 },
  parties: [
    { number: 1, name: 'PKB', candidates: [{ number: 1, name: 'A' }, { number: 2, name: 'B' }] },
    { number: 24, name: 'Ummat', candidates: [{ number: 1, name: 'C' }] },
  ],
};

export type Edits = Readonly<Record<string, Figure>>;

export function edit<T extends Tally>(tally: T, edits: Edits): T {
  let t = tally;
  for (const [path, value] of Object.entries(edits)) t = setFigure(t, path as FieldPath, value);
  return t;
}

/** Sections I–III of the example TPS: DPT 284, 184 voted, 290 ballots (= ceil(1.02 × 284)). */
const COMMON: Edits = {
  'voters.dpt.male': 146, 'voters.dpt.female': 138, 'voters.dpt.total': 284,
  'voters.usedDpt.male': 90, 'voters.usedDpt.female': 88, 'voters.usedDpt.total': 178,
  'voters.usedDptb.male': 2, 'voters.usedDptb.female': 1, 'voters.usedDptb.total': 3,
  'voters.usedDpk.male': 1, 'voters.usedDpk.female': 2, 'voters.usedDpk.total': 3,
  'voters.usedTotal.male': 93, 'voters.usedTotal.female': 91, 'voters.usedTotal.total': 184,
  'ballots.received': 290, 'ballots.used': 184, 'ballots.returned': 1, 'ballots.unused': 105,
  'disabled.male': 0, 'disabled.female': 1, 'disabled.total': 1,
  valid: 179, invalid: 5, total: 184,
};

export function ppwpTally(tps: TpsCode = TPS1): Tally {
  return { ...edit(emptyTally(tps, PPWP), { ...COMMON, 'votes.1': 13, 'votes.2': 123, 'votes.3': 43 }), status: 'entered' };
}

export function dpdTally(tps: TpsCode = TPS1): Tally {
  return {
    ...edit(emptyTally(tps, DPD), { ...COMMON, 'votes.1': 100, 'votes.2': 50, 'votes.3': 29, 'votes.4': 0 }),
    status: 'entered',
  };
}

/** Party 1: 10 + 3 + 0 = 13; party 24: 100 + 66 = 166; valid 179. */
export function dprTally(tps: TpsCode = TPS1): Tally {
  return {
    ...edit(emptyTally(tps, DPR), {
      ...COMMON,
      'votes.1.partyOnly': 10, 'votes.1.candidates.1': 3, 'votes.1.candidates.2': 0, 'votes.1.total': 13,
      'votes.24.partyOnly': 100, 'votes.24.candidates.1': 66, 'votes.24.total': 166,
    }),
    status: 'entered',
  };
}

export const withCode = (findings: readonly Finding[], code: CheckCode): Finding[] => findings.filter((f) => f.code === code);
