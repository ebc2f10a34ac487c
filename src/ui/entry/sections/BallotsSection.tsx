import { Fragment, memo } from 'react';
import { fieldPath } from '../../../domain/tally/fields.ts';
import { BALLOT_FIELDS } from '../../../domain/tally/tally.ts';
import { useEntry } from '../context.ts';
import { FigureCell } from '../FigureCell.tsx';
import { m } from '../messages.ts';
import { RowFindings } from '../RowFindings.tsx';
import { RunningSum } from '../RunningSum.tsx';

const ROW_TEXT = { received: m.ballotReceived, used: m.ballotUsed, returned: m.ballotReturned, unused: m.ballotUnused } as const;
const SPENT = (['used', 'returned', 'unused'] as const).map((b) => fieldPath.ballot(b));

/** Section II: ballots received, used, returned, unused (totals only). */
export const BallotsSection = memo(function BallotsSection() {
  const { lang } = useEntry();
  return (
    <section className="entry-section" aria-labelledby="entry-sec-ballots">
      <h3 id="entry-sec-ballots">{m.sectionBallots[lang]}</h3>
      <table className="entry-table">
        <thead>
          <tr>
            <th scope="col">{m.description[lang]}</th>
            <th scope="col">{m.amount[lang]}</th>
            <th scope="col" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {BALLOT_FIELDS.map((b) => (
            <Fragment key={b}>
              <tr>
                <th scope="row">{ROW_TEXT[b][lang]}</th>
                <td>
                  <FigureCell path={fieldPath.ballot(b)} />
                </td>
                <td>
                  {b === 'received' ? (
                    <RunningSum addends={SPENT} target={fieldPath.ballot('received')} formula={m.sumBallots} testId="sum-ballots-received" />
                  ) : null}
                </td>
              </tr>
              <RowFindings anchor={`ballots.${b}`} as="tr" colSpan={3} />
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
});
