import { formatFigure } from '../common/format.ts';
import type { GridColumn } from './columns.ts';
import { useGrid } from './context.ts';
import { g } from './messages.ts';
import { useRowsVersion } from './useRowsVersion.ts';

/**
 * The desa's sum of each figure over the rows on screen, typed values included as they are typed
 * ("—" while no TPS has the figure). A quick check against the paper D.Hasil, not the D.Hasil itself.
 */
export function GridTotals({ columns }: { columns: readonly GridColumn[] }) {
  const { rows, lang } = useGrid();
  useRowsVersion(rows);
  return (
    <tr className="grid-totals" data-testid="grid-totals">
      <th scope="row" className="grid-tps">
        {g.totals[lang]}
      </th>
      {columns.map((c) => {
        let sum: number | null = null;
        for (const r of rows) {
          const v = r.store.value(c.path);
          if (v !== null) sum = (sum ?? 0) + v;
        }
        return (
          <td key={c.path} className="grid-total" data-path={c.path} data-sum={sum ?? ''}>
            {formatFigure(sum, lang)}
          </td>
        );
      })}
      <td className="grid-checks" />
    </tr>
  );
}
