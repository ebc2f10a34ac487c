import { tpsCode, type DesaCode, type TpsCode } from '../codes/codes.ts';
import type { ContestId } from '../tally/contest.ts';
import type { ContestSetup, Desa, Setup } from './schema.ts';

export { fieldLabel, fieldLabelText } from './labels.ts';

/** One TPS of the setup with its desa and 13-digit code. */
export interface TpsRef {
  desa: Desa;
  number: number;
  code: TpsCode;
}

const refsOf = (desa: Desa): TpsRef[] => desa.tps.map((number) => ({ desa, number, code: tpsCode(desa.code, number) }));

/** Every TPS in setup order: desa as listed, then TPS as listed (gaps and 9xx kept as they are). */
export function allTps(setup: Setup): TpsRef[] {
  return setup.desa.flatMap(refsOf);
}

export function tpsOfDesa(setup: Setup, desa: DesaCode): TpsRef[] {
  const found = findDesa(setup, desa);
  return found ? refsOf(found) : [];
}

export function findDesa(setup: Setup, code: DesaCode): Desa | undefined {
  return setup.desa.find((d) => d.code === code);
}

export function findContest(setup: Setup, id: ContestId): ContestSetup | undefined {
  return setup.contests.find((c) => c.id === id);
}

/** The desa a panel takes over all schedule days, in schedule order, each once. */
export function desaOfPanel(setup: Setup, panel: string): DesaCode[] {
  const out: DesaCode[] = [];
  for (const day of setup.schedule.days) {
    for (const assignment of day.assignments) {
      if (assignment.panel !== panel) continue;
      for (const code of assignment.desa) if (!out.includes(code)) out.push(code);
    }
  }
  return out;
}
