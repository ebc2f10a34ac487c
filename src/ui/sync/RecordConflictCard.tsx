import { useId, useState, type FormEvent } from 'react';
import type { Setup } from '../../domain/setup/schema.ts';
import { recordLabel } from '../../domain/workflow/index.ts';
import type { ConflictRow } from '../../db/index.ts';
import { resolveRecordConflict } from '../../sync/index.ts';
import { formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { cm } from './conflictMessages.ts';
import { useSyncEngine } from './engine.ts';
import { OtherReasonNote } from './OtherReasonNote.tsx';
import { useConflictBase } from './useConflictBase.ts';

type RecordConflict = Exclude<ConflictRow, { kind: 'tally' }>;

/**
 * An objection or a finalisation changed on this device and, meanwhile, on another (only chairs
 * change them after filing, so two chair devices): a person keeps the server's version or puts
 * this device's on top of it, with a reason. Nothing was overwritten.
 */
export function RecordConflictCard(props: { setup: Setup; conflict: RecordConflict; actor: string }) {
  const { conflict } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const engine = useSyncEngine();
  const ids = { title: useId(), reason: useId() };
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = useConflictBase(conflict.key);
  const state = (r: RecordConflict['server']['record'] | null): string => {
    if (!r) return '—';
    if ('decision' in r) return t(`objections.decision_${r.decision.status}`);
    if ('photos' in r) return cm.photoCount(r.photos.length)[lang];
    return t(`sync.conflicts.finalisation.${r.state}`);
  };
  const keep = async (e: FormEvent, side: 'server' | 'local') => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const result = await resolveRecordConflict(engine.store, conflict.key, side, props.actor, reason);
    setBusy(false);
    if (!result.ok) setProblem(result.error[lang]);
    else engine.kick('write');
  };
  return (
    <form className="card conflict" aria-labelledby={ids.title} noValidate data-testid={`conflict-${conflict.key}`} onSubmit={(e) => void keep(e, 'server')}>
      <h2 id={ids.title}>{recordLabel(props.setup, conflict.key)[lang]}</h2>
      <p className="hint">{t('sync.conflicts.serverBy', { version: conflict.server.version, actor: conflict.server.actor, time: formatWib(conflict.server.at, lang) })}</p>
      <OtherReasonNote recordKey={conflict.key} server={conflict.server} />
      <p data-testid="conflict-states">
        {cm.baseState(base === undefined || !base.known ? cm.baseUnknown[lang] : state(base.record as RecordConflict['server']['record'] | null))[lang]} · {t('sync.conflicts.yours')}:{' '}
        {state(conflict.local)} · {cm.theirs(conflict.server.actor)[lang]}: {state(conflict.server.record)}
      </p>
      <div className="field">
        <label htmlFor={ids.reason}>{t('sync.conflicts.reason')}</label>
        <input id={ids.reason} type="text" value={reason} required onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {t('sync.conflicts.keepServer')}
      </button>{' '}
      <button type="button" disabled={busy} onClick={(e) => void keep(e, 'local')}>
        {t('sync.conflicts.keepMine')}
      </button>
      {problem && (
        <div className="banner error" role="alert">
          {problem}
        </div>
      )}
    </form>
  );
}
