import { memo } from 'react';
import { fieldPath } from '../../../domain/tally/fields.ts';
import { GENDER_COLUMNS } from '../../../domain/tally/tally.ts';
import { useEntry } from '../context.ts';
import { FigureCell } from '../FigureCell.tsx';
import { m } from '../messages.ts';
import { RowFindings } from '../RowFindings.tsx';

/** Section III: disabled voters who voted, L / P / J. */
export const DisabledSection = memo(function DisabledSection() {
  const { lang } = useEntry();
  return (
    <section className="entry-section" aria-labelledby="entry-sec-disabled">
      <h3 id="entry-sec-disabled">{m.sectionDisabled[lang]}</h3>
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
          <tr>
            <th scope="row">{m.disabledRow[lang]}</th>
            {GENDER_COLUMNS.map((col) => (
              <td key={col}>
                <FigureCell path={fieldPath.disabled(col)} />
              </td>
            ))}
          </tr>
          <RowFindings anchor="disabled" as="tr" colSpan={4} />
        </tbody>
      </table>
    </section>
  );
});
