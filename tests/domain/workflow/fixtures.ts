import { desaOfTps, type DesaCode, type TpsCode } from '../../../src/domain/codes/codes.ts';
import { findContest } from '../../../src/domain/setup/lookup.ts';
import type { ContestSetup } from '../../../src/domain/setup/schema.ts';
import type { Tally } from '../../../src/domain/tally/tally.ts';
import { actorFor, type Actor } from '../../../src/domain/workflow/index.ts';
import { SETUP, TALLIES } from '../finalisation/fixtures.ts';

export { SETUP };

/** A check-clean, complete PPWP form of a desa panel 1 takes, and one of a desa it does not. */
const panel1 = actorFor(SETUP, 'clerk', SETUP.panels[0]!.id);
export const CLEAN: Tally = TALLIES.find((t) => t.contest === 'PPWP' && panel1.desa.includes(desaOfTps(t.tps)))!;
export const OTHER_PANEL_TPS: TpsCode = TALLIES.find((t) => !panel1.desa.includes(desaOfTps(t.tps)))!.tps;
export const DESA: DesaCode = desaOfTps(CLEAN.tps);
export const CONTEST: ContestSetup = findContest(SETUP, 'PPWP')!;

export const ACTORS: Record<'chair' | 'clerk' | 'otherClerk' | 'witness' | 'panwas', Actor> = {
  chair: actorFor(SETUP, 'chair', null),
  clerk: panel1,
  otherClerk: actorFor(SETUP, 'clerk', SETUP.panels[1]!.id),
  witness: actorFor(SETUP, 'witness', null),
  panwas: actorFor(SETUP, 'panwas', null),
};

export const asStatus = (t: Tally, status: Tally['status'], extra: Pick<Partial<Tally>, 'enteredBy' | 'verifiedBy'> = {}): Tally => ({ ...t, status, ...extra });
