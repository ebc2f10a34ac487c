import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import type { CorrectionLink } from '../../domain/objections/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { correctionCandidates, linkCorrections, type ObjectionRow } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { revisionChanges, revisionTitle } from './revisionText.ts';

const linkId = (key: string, revision: number) => `${key}#${revision}`;

/**
 * When the plenary corrected a tally because of this objection, the chair ticks the correction
 * among the recent corrections of the objection's TPS (or desa) and saves the links.
 */
export function CorrectionLinker(props: { setup: Setup; row: ObjectionRow; actor: string; number: number }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const db = useAppDb();
  const id = useId();
  const objection = props.row.objection;
  const candidates = useLiveQuery(() => correctionCandidates(db, objection), [db, objection]);
  const linked = new Set(objection.corrections.map((c) => linkId(c.key, c.revision)));
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const selection = chosen ?? linked;
  const contestName = (c: ContestId) => t(`contest.${c}`);

  if (candidates === undefined) return null;
  if (candidates.length === 0) return <p className="hint">{t('objections.noCorrections')}</p>;

  const toggle = (value: string) => {
    const next = new Set(selection);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    setChosen(next);
  };
  const save = async () => {
    const links: CorrectionLink[] = candidates.filter((r) => selection.has(linkId(r.key, r.revision))).map((r) => ({ key: r.key, revision: r.revision }));
    // Links stored earlier but no longer among the recent candidates stay linked.
    for (const c of objection.corrections) if (!candidates.some((r) => r.key === c.key && r.revision === c.revision)) links.push(c);
    const r = await linkCorrections(db, props.row.id, links, props.actor);
    setMessage(r.ok ? { ok: true, text: t('objections.linksSaved') } : { ok: false, text: r.error.message[lang] });
    if (r.ok) setChosen(null);
  };

  return (
    <fieldset className="correction-linker">
      <legend>{t('objections.linkTitle', { number: props.number })}</legend>
      <ul>
        {candidates.map((r) => {
          const value = linkId(r.key, r.revision);
          return (
            <li key={value}>
              <label>
                <input type="checkbox" id={`${id}-${value}`} checked={selection.has(value)} onChange={() => toggle(value)} />{' '}
                <strong>{revisionTitle(r.key, r.revision, contestName)}</strong>: {revisionChanges(props.setup, r, lang)}
                {r.reason ? ` — ${t('objections.reason')}: ${r.reason}` : ''}
              </label>
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={() => void save()}>
        {t('objections.saveLinks', { number: props.number })}
      </button>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={`banner ${message.ok ? 'ok' : 'error'}`}>
          {message.text}
        </p>
      )}
    </fieldset>
  );
}
