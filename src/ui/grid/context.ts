import { createContext, useContext } from 'react';
import type { TpsCode } from '../../domain/codes/codes.ts';
import type { Language } from '../../domain/common/text.ts';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import type { FieldPath } from '../../domain/tally/fields.ts';
import type { EntryStore } from '../entry/entryStore.ts';

/** One TPS of the grid: its padded number ("001") and the form's store. */
export interface GridRowRef {
  tps: TpsCode;
  number: string;
  store: EntryStore;
}

/** What every cell needs to move focus across rows; one value per grid. */
export interface GridContextValue {
  lang: Language;
  contest: ContestSetup;
  rows: readonly GridRowRef[];
  /** The figures in paper order (the columns). */
  order: readonly FieldPath[];
}

export const GridContext = createContext<GridContextValue | null>(null);

export function useGrid(): GridContextValue {
  const value = useContext(GridContext);
  if (!value) throw new Error('useGrid outside a GridContext');
  return value;
}
