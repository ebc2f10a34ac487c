import type { ContestId } from '../../domain/tally/contest.ts';

/**
 * The contests the desa grid offers: their forms are short (one figure per pair or DPD candidate),
 * so a TPS fits on one row like the operators' Excel sheet. DPR/DPRD forms (~160 cells) do not.
 */
export const GRID_CONTESTS = ['PPWP', 'DPD'] as const satisfies readonly ContestId[];

export type GridContestId = (typeof GRID_CONTESTS)[number];

export const isGridContest = (id: string): id is GridContestId => (GRID_CONTESTS as readonly string[]).includes(id);
