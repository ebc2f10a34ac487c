import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { fieldLabel, findContest } from '../../domain/setup/lookup.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import { getFigure } from '../../domain/tally/fields.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import type { Tally, TallyKey, TallyStatus } from '../../domain/tally/tally.ts';
import { recordLabel } from '../../domain/workflow/recordLabel.ts';
import { getTally, type TallyConflictRow } from '../../db/index.ts';
import { conflictCells, metaDiffers, resolveConflict, type CellChoice } from '../../sync/index.ts';
import { useAppDb } from '../common/db.ts';
import { formatFigure, formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { PhotosBeside } from '../entry/photos/PhotosBeside.tsx';
import { ConflictCellRow } from './ConflictCellRow.tsx';
import { cm } from './conflictMessages.ts';
import { useSyncEngine } from './engine.ts';
import { OtherReasonNote } from './OtherReasonNote.tsx';
import { useConflictBase } from './useConflictBase.ts';

type Choices = Record<string, CellChoice | undefined>;

/**
 * A form changed here and, meanwhile, on another device: every differing cell with the value both
 * started from, this device's, the server's (with who changed it and why), and a field for the
 * value to keep. Saved as a new version on top of the server's.
 */
export function TallyConflictCard(props: { setup: Setup; conflict: TallyConflictRow; actor: string }) {
  const { setup, conflict } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const db = useAppDb();
  const engine = useSyncEngine();
  const ids = { reason: useId(), title: useId(), meta: useId() };
  const stored = useLiveQuery(() => getTally(db, conflict.key as TallyKey), [db, conflict.key]);
  const base = useConflictBase(conflict.key);
  const local: Tally | null = stored?.ok ? (stored.value?.tally ?? conflict.local) : conflict.local;
  const server = conflict.server.record;
  const cells = useMemo(() => conflictCells(local, server), [local, server]);
  const showMeta = metaDiffers(local, server);
  const [choices, setChoices] = useState<Choices>({});
  const [meta, setMeta] = useState<'local' | 'server'>('server');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const contest = findContest(setup, server.contest as ContestId);
  const label = (path: string) => (contest ? fieldLabel(contest, path, lang) : path);
  const status = (s: TallyStatus | undefined) => (s ? t(`status.${s}`) : '—');
  const baseTally = base?.known && base.record && 'tps' in base.record ? (base.record as Tally) : null;
  const baseOf = (path: string): string => {
    if (base === undefined) return '…';
    if (!base.known) return cm.baseUnknown[lang];
    return formatFigure(baseTally ? (getFigure(baseTally, path) ?? null) : null, lang);
  };

  const chooseAll = (from: 'local' | 'server') => setChoices(Object.fromEntries(cells.map((c) => [c.path, { from }])));
  const choose = (path: string, choice: CellChoice) => setChoices((prev) => ({ ...prev, [path]: choice }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const picked = Object.fromEntries(Object.entries(choices).filter((entry): entry is [string, CellChoice] => entry[1] !== undefined));
    const result = await resolveConflict(engine.store, conflict.key, { cells: picked, meta, actor: props.actor, reason });
    setBusy(false);
    if (!result.ok) setProblem(result.error[lang]);
    else engine.kick('write');
  };

  return (
    <form className="card conflict" aria-labelledby={ids.title} onSubmit={(e) => void onSubmit(e)} noValidate data-testid={`conflict-${conflict.key}`}>
      <h2 id={ids.title}>
        <a href={`#/tps/${server.tps}/${server.contest}`}>{recordLabel(setup, conflict.key)[lang]}</a>
      </h2>
      <p className="hint">
        {t('sync.conflicts.serverBy', { version: conflict.server.version, actor: conflict.server.actor, time: formatWib(conflict.server.at, lang) })}
      </p>
      <OtherReasonNote recordKey={conflict.key} server={conflict.server} />
      <div className="conflict-actions">
        <button type="button" onClick={() => chooseAll('local')}>
          {t('sync.conflicts.allYours')}
        </button>{' '}
        <button type="button" onClick={() => chooseAll('server')}>
          {t('sync.conflicts.allServer')}
        </button>
      </div>
      {/* The paper's photo beside the differing cells, as a verifier compares paper and screen. */}
      <PhotosBeside db={db} tallyKey={conflict.key} show lang={lang}>
      <table className="conflict-cells">
        <caption>{t('sync.conflicts.cellsCaption', { count: cells.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sync.conflicts.cell')}</th>
            <th scope="col" title={cm.baseHint[lang]}>
              {cm.base[lang]}
            </th>
            <th scope="col">{t('sync.conflicts.yours')}</th>
            <th scope="col">{cm.theirs(conflict.server.actor)[lang]}</th>
            <th scope="col">{cm.chosen[lang]}</th>
          </tr>
        </thead>
        <tbody>
          {cells.map((cell) => (
            <ConflictCellRow
              key={cell.path}
              cell={{
                label: label(cell.path),
                base: baseOf(cell.path),
                local: formatFigure(cell.local, lang),
                server: formatFigure(cell.server, lang),
                localValue: cell.local,
                serverValue: cell.server,
              }}
              choice={choices[cell.path]}
              onChoose={(c) => choose(cell.path, c)}
            />
          ))}
        </tbody>
      </table>
      </PhotosBeside>
      <p className="hint">{base?.known === false ? cm.baseUnknownHint[lang] : `${cm.baseHint[lang]} ${cm.chosenHint[lang]}`}</p>
      {showMeta && (
        <fieldset className="conflict-meta">
          <legend id={ids.meta}>{t('sync.conflicts.status')}</legend>
          <label>
            <input type="radio" name={`${ids.meta}-meta`} checked={meta === 'local'} onChange={() => setMeta('local')} /> {t('sync.conflicts.yours')}: {status(local?.status)}
            {local?.verifiedBy ? ` (${t('sync.conflicts.verifiedBy', { name: local.verifiedBy })})` : ''}
          </label>
          <label>
            <input type="radio" name={`${ids.meta}-meta`} checked={meta === 'server'} onChange={() => setMeta('server')} /> {t('sync.conflicts.server')}: {status(server.status)}
            {server.verifiedBy ? ` (${t('sync.conflicts.verifiedBy', { name: server.verifiedBy })})` : ''}
          </label>
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={ids.reason}>{t('sync.conflicts.reason')}</label>
        <input id={ids.reason} type="text" value={reason} required onChange={(e) => setReason(e.target.value)} />
        <span className="hint">{t('sync.conflicts.reasonHint')}</span>
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {t('sync.conflicts.resolve')}
      </button>
      {problem && (
        <div className="banner error" role="alert">
          {problem}
        </div>
      )}
    </form>
  );
}
