import { useMemo, type ReactNode } from 'react';
import type { Language } from '../../domain/common/text.ts';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import type { FieldPath } from '../../domain/tally/fields.ts';
import { EntryContext, type EntryContextValue } from './context.ts';
import type { EntryStore } from './entryStore.ts';
import { cellId } from './FigureCell.tsx';

/**
 * Focuses a cell. Moving on in paper order selects its digits (typing replaces them); a jump to a
 * figure a finding quotes does not (`select: false`): that figure may be the right one, and a
 * selected value is overwritten by the next digit.
 */
export function focusCell(idPrefix: string, path: FieldPath, opts: { select?: boolean } = {}): void {
  const el = document.getElementById(cellId(idPrefix, path));
  if (!(el instanceof HTMLInputElement)) return;
  el.focus();
  if (opts.select === false) {
    const end = el.value.length;
    el.setSelectionRange(end, end);
  } else el.select();
}

/** Makes one form's store, contest and navigation available to its cells. */
export function EntryProvider(props: { store: EntryStore; contest: ContestSetup; lang: Language; idPrefix: string; children: ReactNode }) {
  const { store, contest, lang, idPrefix } = props;
  const value = useMemo<EntryContextValue>(
    () => ({
      store,
      contest,
      lang,
      idPrefix,
      focusPath: (path, opts) => focusCell(idPrefix, path, opts),
      neighbour: (path, step) => {
        const i = store.positionOf(path);
        return i === Number.MAX_SAFE_INTEGER ? undefined : store.order[i + step];
      },
    }),
    [store, contest, lang, idPrefix],
  );
  return <EntryContext.Provider value={value}>{props.children}</EntryContext.Provider>;
}
