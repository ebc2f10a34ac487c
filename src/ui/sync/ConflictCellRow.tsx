import { useId, useState } from 'react';
import type { CellChoice } from '../../sync/index.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { cm } from './conflictMessages.ts';

/** The figures of one differing cell as shown: the start both sides had, this device's, the server's. */
export interface CellFigures {
  label: string;
  base: string;
  local: string;
  server: string;
  /** The raw values, to show the chosen one in the value field. */
  localValue: number | null;
  serverValue: number | null;
}

const typedValue = (raw: string): number | null => (raw.trim() === '' ? null : /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN);

/**
 * One differing cell: where each value came from, and one labelled field holding the value that
 * will be kept. Picking "mine" or "server" fills it; typing the paper's figure into it is the third
 * choice (an empty field keeps the cell empty).
 */
export function ConflictCellRow(props: { cell: CellFigures; choice: CellChoice | undefined; onChoose: (c: CellChoice) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const name = useId();
  const fieldId = useId();
  const { cell, choice } = props;
  const [typed, setTyped] = useState('');
  const shown = choice?.from === 'local' ? cell.localValue : choice?.from === 'server' ? cell.serverValue : null;
  const fieldValue = choice?.from === 'typed' ? typed : shown === null ? '' : String(shown);
  return (
    <tr>
      <th scope="row">{cell.label}</th>
      <td className="num" data-column="base">
        {cell.base}
      </td>
      <td className="num" data-column="local">
        {cell.local}
      </td>
      <td className="num" data-column="server">
        {cell.server}
      </td>
      <td>
        <div role="radiogroup" aria-label={t('sync.conflicts.choiceFor', { cell: cell.label })}>
          <label>
            <input type="radio" name={name} checked={choice?.from === 'local'} onChange={() => props.onChoose({ from: 'local' })} /> {t('sync.conflicts.takeYours', { value: cell.local })}
          </label>{' '}
          <label>
            <input type="radio" name={name} checked={choice?.from === 'server'} onChange={() => props.onChoose({ from: 'server' })} /> {t('sync.conflicts.takeServer', { value: cell.server })}
          </label>{' '}
          <label>
            <input type="radio" name={name} checked={choice?.from === 'typed'} onChange={() => props.onChoose({ from: 'typed', value: typedValue(typed) })} /> {t('sync.conflicts.typed')}
          </label>
        </div>
        <label htmlFor={fieldId} className="visually-hidden">
          {cm.chosenFor(cell.label)[lang]}
        </label>
        <input
          id={fieldId}
          className="conflict-value"
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          size={5}
          value={fieldValue}
          onChange={(e) => {
            setTyped(e.target.value);
            props.onChoose({ from: 'typed', value: typedValue(e.target.value) });
          }}
        />
      </td>
    </tr>
  );
}
