import { memo } from 'react';
import { routeHash } from '../app/route.ts';
import type { GridColumn } from './columns.ts';
import { useGrid } from './context.ts';
import { GridCell } from './GridCell.tsx';
import { cellLabel, openFormLabel } from './messages.ts';
import { RowChecks } from './RowChecks.tsx';

/** One TPS: its number (a link to the single form), its figures, its checks. */
export const GridRow = memo(function GridRow({ row, columns }: { row: number; columns: readonly GridColumn[] }) {
  const { rows, contest, lang } = useGrid();
  const { tps, number, store } = rows[row]!;
  return (
    <tr data-tps={tps}>
      <th scope="row" className="grid-tps">
        <a href={routeHash({ name: 'entry', tps, contest: contest.id })} aria-label={openFormLabel(number)[lang]}>
          {number}
        </a>
      </th>
      {columns.map((c, col) => (
        <GridCell key={c.path} row={row} col={col} label={cellLabel(number, c.label[lang])} />
      ))}
      <RowChecks store={store} />
    </tr>
  );
});
