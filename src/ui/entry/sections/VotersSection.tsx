import { Fragment, memo } from 'react';
import { fieldPath } from '../../../domain/tally/fields.ts';
import { GENDER_COLUMNS, VOTER_ROWS, type VoterRow } from '../../../domain/tally/tally.ts';
import { useEntry } from '../context.ts';
import { FigureCell } from '../FigureCell.tsx';
import { m } from '../messages.ts';
import { RowFindings } from '../RowFindings.tsx';
import { RunningSum } from '../RunningSum.tsx';

const ROW_TEXT = {
  dpt: m.rowDpt,
  usedDpt: m.rowUsedDpt,
  usedDptb: m.rowUsedDptb,
  usedDpk: m.rowUsedDpk,
  usedTotal: m.rowUsedTotal,
} as const;

const USED_SUM = GENDER_COLUMNS.map((col) => ({
  col,
  addends: (['usedDpt', 'usedDptb', 'usedDpk'] as const).map((row) => fieldPath.voter(row, col)),
  target: fieldPath.voter('usedTotal', col),
}));

const VoterRowView = memo(function VoterRowView({ row }: { row: VoterRow }) {
  const { lang } = useEntry();
  return (
    <tr>
      <th scope="row">{ROW_TEXT[row][lang]}</th>
      {GENDER_COLUMNS.map((col) => (
        <td key={col}>
          <FigureCell path={fieldPath.voter(row, col)} />
        </td>
      ))}
    </tr>
  );
});

/** Section I: rows A, B.1–B.4 × columns L, P, J (J entered from the paper, never computed). */
export const VotersSection = memo(function VotersSection() {
  const { lang } = useEntry();
  return (
    <section className="entry-section" aria-labelledby="entry-sec-voters">
      <h3 id="entry-sec-voters">{m.sectionVoters[lang]}</h3>
      <table className="entry-table entry-table--gender">
        <thead>
          <tr>
            <th scope="col">{m.description[lang]}</th>
            <th scope="col">{m.male[lang]}</th>
            <th scope="col">{m.female[lang]}</th>
            <th scope="col">{m.total[lang]}</th>
          </tr>
        </thead>
        <tbody>
          {VOTER_ROWS.map((row) => (
            <Fragment key={row}>
              <VoterRowView row={row} />
              {row === 'usedTotal' ? (
                <tr className="entry-sum-row">
                  <th scope="row">{m.sumUsed[lang]}</th>
                  {USED_SUM.map(({ col, addends, target }) => (
                    <td key={col}>
                      <RunningSum addends={addends} target={target} formula={m.sumUsed} showFormula={false} testId={`sum-voters-usedTotal-${col}`} />
                    </td>
                  ))}
                </tr>
              ) : null}
              <RowFindings anchor={`voters.${row}`} as="tr" colSpan={4} />
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
});
