import { Fragment, memo, useMemo } from 'react';
import type { ContestSetup } from '../../../domain/setup/schema.ts';
import { fieldPath, type FieldPath } from '../../../domain/tally/fields.ts';
import { useEntry } from '../context.ts';
import { FigureCell } from '../FigureCell.tsx';
import { m } from '../messages.ts';
import { RowFindings } from '../RowFindings.tsx';
import { RunningSum } from '../RunningSum.tsx';

/** The figures whose sum must equal V.A: pair / DPD candidate votes, or each party's total B. */
function voteTotals(contest: ContestSetup): FieldPath[] {
  return 'candidates' in contest
    ? contest.candidates.map((c) => fieldPath.candidateVotes(c.number))
    : contest.parties.map((p) => fieldPath.partyTotal(p.number));
}

const VALID_INVALID = [fieldPath.valid, fieldPath.invalid];

/** Section V: valid (with Σ votes beside it), invalid, total (with valid + invalid beside it). */
export const ResultSection = memo(function ResultSection({ contest }: { contest: ContestSetup }) {
  const { lang } = useEntry();
  const votes = useMemo(() => voteTotals(contest), [contest]);
  const rows = [
    { path: fieldPath.valid, text: m.valid, sum: <RunningSum addends={votes} target={fieldPath.valid} formula={m.sumVotes} testId="sum-valid" /> },
    { path: fieldPath.invalid, text: m.invalid, sum: null },
    {
      path: fieldPath.total,
      text: m.validInvalid,
      sum: <RunningSum addends={VALID_INVALID} target={fieldPath.total} formula={m.sumValidInvalid} testId="sum-total" />,
    },
  ];
  return (
    <section className="entry-section" aria-labelledby="entry-sec-result">
      <h3 id="entry-sec-result">{m.sectionResult[lang]}</h3>
      <table className="entry-table">
        <thead>
          <tr>
            <th scope="col">{m.description[lang]}</th>
            <th scope="col">{m.amount[lang]}</th>
            <th scope="col" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <Fragment key={r.path}>
              <tr>
                <th scope="row">{r.text[lang]}</th>
                <td>
                  <FigureCell path={r.path} />
                </td>
                <td>{r.sum}</td>
              </tr>
              <RowFindings anchor={r.path} as="tr" colSpan={3} />
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
});
