export type { TallyFigures, AreaTotals, TotalsReport } from './types.ts';
export { TOTALS_FORMAT } from './types.ts';
export { sumTallies, computeTotals } from './compute.ts';
export { addFigure, hasEnteredFigure } from './accumulator.ts';
