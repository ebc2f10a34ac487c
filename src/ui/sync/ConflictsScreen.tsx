import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from '../i18n/index.ts';
import { desaOfTps, tpsNumberOf, type TpsCode } from '../../domain/codes/codes.ts';
import { fieldLabel, findContest, findDesa } from '../../domain/setup/lookup.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import type { Tally, TallyKey, TallyStatus } from '../../domain/tally/tally.ts';
import { getTally, type TallyConflictRow } from '../../db/index.ts';
import { conflictCells, metaDiffers, resolveConflict, type CellChoice } from '../../sync/index.ts';
import { useAppDb } from '../common/db.ts';
import { formatFigure, formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useSyncEngine } from './engine.ts';
import { RecordConflictCard } from './RecordConflictCard.tsx';
import { useConflicts } from './useSyncStatus.ts';
import './sync.css';

/**
 * #/konflik: records where this device's figures and the server's differ. Nothing was overwritten;
 * a person compares both versions cell by cell with the paper C.Hasil and saves the result as a
 * new version on top of the server's.
 */
export function ConflictsScreen(props: { setup: Setup; actor: string }) {
  const { t } = useTranslation();
  const conflicts = useConflicts();
  return (
    <section aria-labelledby="conflicts-title">
      <h1 id="conflicts-title">{t('sync.conflicts.title')}</h1>
      <p>{t('sync.conflicts.intro')}</p>
      {conflicts === undefined ? (
        <p role="status">{t('app.loading')}</p>
      ) : conflicts.length === 0 ? (
        <p className="banner ok" role="status">
          {t('sync.conflicts.none')}
        </p>
      ) : (
        conflicts.map((conflict) =>
          conflict.kind === 'tally' ? (
            <ConflictCard key={`${conflict.key}:${conflict.server.version}`} setup={props.setup} conflict={conflict} actor={props.actor} />
          ) : (
            <RecordConflictCard key={`${conflict.key}:${conflict.server.version}`} setup={props.setup} conflict={conflict} actor={props.actor} />
          ),
        )
      )}
    </section>
  );
}

type Choices = Record<string, CellChoice | undefined>;

function ConflictCard(props: { setup: Setup; conflict: TallyConflictRow; actor: string }) {
  const { setup, conflict } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const db = useAppDb();
  const engine = useSyncEngine();
  const ids = { reason: useId(), title: useId(), meta: useId() };
  const stored = useLiveQuery(() => getTally(db, conflict.key as TallyKey), [db, conflict.key]);
  const local: Tally | null = stored?.ok ? (stored.value?.tally ?? conflict.local) : conflict.local;
  const server = conflict.server.record;
  const cells = useMemo(() => conflictCells(local, server), [local, server]);
  const showMeta = metaDiffers(local, server);
  const [choices, setChoices] = useState<Choices>({});
  const [meta, setMeta] = useState<'local' | 'server'>('server');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const tps = server.tps as TpsCode;
  const desa = findDesa(setup, desaOfTps(tps));
  const contest = findContest(setup, server.contest as ContestId);
  const title = t('sync.conflicts.recordTitle', { contest: t(`contest.${server.contest}`), desa: desa?.name ?? desaOfTps(tps), number: tpsNumberOf(tps) });
  const label = (path: string) => (contest ? fieldLabel(contest, path, lang) : path);
  const status = (s: TallyStatus | undefined) => (s ? t(`status.${s}`) : '—');

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
        <a href={`#/tps/${server.tps}/${server.contest}`}>{title}</a>
      </h2>
      <p className="hint">
        {t('sync.conflicts.serverBy', { version: conflict.server.version, actor: conflict.server.actor, time: formatWib(conflict.server.at, lang) })}
      </p>
      <div className="conflict-actions">
        <button type="button" onClick={() => chooseAll('local')}>
          {t('sync.conflicts.allYours')}
        </button>{' '}
        <button type="button" onClick={() => chooseAll('server')}>
          {t('sync.conflicts.allServer')}
        </button>
      </div>
      <table className="conflict-cells">
        <caption>{t('sync.conflicts.cellsCaption', { count: cells.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sync.conflicts.cell')}</th>
            <th scope="col">{t('sync.conflicts.yours')}</th>
            <th scope="col">{t('sync.conflicts.server')}</th>
            <th scope="col">{t('sync.conflicts.choice')}</th>
          </tr>
        </thead>
        <tbody>
          {cells.map((cell) => (
            <CellRow key={cell.path} label={label(cell.path)} local={formatFigure(cell.local, lang)} server={formatFigure(cell.server, lang)} choice={choices[cell.path]} onChoose={(c) => choose(cell.path, c)} />
          ))}
        </tbody>
      </table>
      {showMeta && (
        <fieldset className="conflict-meta">
          <legend id={ids.meta}>{t('sync.conflicts.status')}</legend>
          <label>
            <input type="radio" name={`${conflict.key}-meta`} checked={meta === 'local'} onChange={() => setMeta('local')} /> {t('sync.conflicts.yours')}: {status(local?.status)}
            {local?.verifiedBy ? ` (${t('sync.conflicts.verifiedBy', { name: local.verifiedBy })})` : ''}
          </label>
          <label>
            <input type="radio" name={`${conflict.key}-meta`} checked={meta === 'server'} onChange={() => setMeta('server')} /> {t('sync.conflicts.server')}: {status(server.status)}
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

function CellRow(props: { label: string; local: string; server: string; choice: CellChoice | undefined; onChoose: (c: CellChoice) => void }) {
  const { t } = useTranslation();
  const name = useId();
  const typedId = useId();
  const { choice } = props;
  const [typed, setTyped] = useState('');
  const typedValue = (raw: string) => (raw.trim() === '' ? null : /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN);
  return (
    <tr>
      <th scope="row">{props.label}</th>
      <td className="num">{props.local}</td>
      <td className="num">{props.server}</td>
      <td>
        <div role="radiogroup" aria-label={t('sync.conflicts.choiceFor', { cell: props.label })}>
          <label>
            <input type="radio" name={name} checked={choice?.from === 'local'} onChange={() => props.onChoose({ from: 'local' })} /> {t('sync.conflicts.takeYours', { value: props.local })}
          </label>{' '}
          <label>
            <input type="radio" name={name} checked={choice?.from === 'server'} onChange={() => props.onChoose({ from: 'server' })} /> {t('sync.conflicts.takeServer', { value: props.server })}
          </label>{' '}
          <label>
            <input type="radio" name={name} checked={choice?.from === 'typed'} onChange={() => props.onChoose({ from: 'typed', value: typedValue(typed) })} /> {t('sync.conflicts.typed')}
          </label>{' '}
          {choice?.from === 'typed' && (
            <>
              <label htmlFor={typedId} className="visually-hidden">
                {t('sync.conflicts.typedFor', { cell: props.label })}
              </label>
              <input
                id={typedId}
                type="text"
                inputMode="numeric"
                pattern="[0-9]*"
                size={5}
                value={typed}
                onChange={(e) => {
                  setTyped(e.target.value);
                  props.onChoose({ from: 'typed', value: typedValue(e.target.value) });
                }}
              />
            </>
          )}
        </div>
      </td>
    </tr>
  );
}
