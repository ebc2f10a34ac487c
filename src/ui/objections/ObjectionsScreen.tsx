import { useLiveQuery } from 'dexie-react-hooks';
import { ContestFilter, DesaFilter } from '../common/FilterSelects.tsx';
import { useId, useMemo, useState } from 'react';
import type { DesaCode } from '../../domain/codes/codes.ts';
import { DECISION_STATUSES, OBJECTION_KINDS, type DecisionStatus, type ObjectionKind } from '../../domain/objections/index.ts';
import type { Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { listObjections, type ObjectionRow } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { useRoleView } from '../common/useRoleView.ts';
import { useTranslation } from '../i18n/index.ts';
import { ObjectionCard } from './ObjectionCard.tsx';
import { ObjectionForm, type ObjectionPrefill } from './ObjectionForm.tsx';
import './objections.css';

interface Filters {
  contest: ContestId | '';
  desa: DesaCode | '';
  kind: ObjectionKind | '';
  decision: DecisionStatus | '';
}

function matches(row: ObjectionRow, f: Filters): boolean {
  return (
    (f.contest === '' || row.contest === null || row.contest === f.contest) &&
    (f.desa === '' || row.desa === f.desa) &&
    (f.kind === '' || row.objection.kind === f.kind) &&
    (f.decision === '' || row.objection.decision.status === f.decision)
  );
}

/** `#/keberatan`: Model D.Kejadian Khusus dan/atau Keberatan — record, decide, link corrections. */
export function ObjectionsScreen(props: { setup: Setup; actor: string; prefill?: ObjectionPrefill }) {
  const { setup } = props;
  const { t } = useTranslation();
  const db = useAppDb();
  const id = useId();
  const list = useLiveQuery(() => listObjections(db), [db]);
  // Objections sync (docs/sync.md); who decides them is the workflow's, said where it matters.
  const view = useRoleView();
  const [filters, setFilters] = useState<Filters>({ contest: '', desa: '', kind: '', decision: '' });
  // The list keeps the recording order, so each entry's number stays the same under any filter.
  const numbered = useMemo(() => (list?.rows ?? []).map((row, i) => ({ row, number: i + 1 })), [list]);
  const shown = numbered.filter(({ row }) => matches(row, filters));
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters((f) => ({ ...f, [key]: value }));

  return (
    <section aria-labelledby="objections-title" className="objections">
      <h1 id="objections-title">{t('objections.title')}</h1>
      <p className="hint">{t('objections.intro')}</p>
      {view && !view.may['decide-objection'] && (
        <p className="banner info" role="note" data-testid="objections-synced">
          {t('objections.syncedNote')}
        </p>
      )}
      <div className="card">
        <ObjectionForm key={`${props.prefill?.tps ?? ''}:${props.prefill?.contest ?? ''}`} setup={setup} actor={props.actor} {...(props.prefill ? { prefill: props.prefill } : {})} />
      </div>
      <h2>{t('objections.listTitle')}</h2>
      {list && list.corrupt.length > 0 && (
        <p className="banner error" role="alert">
          {t('objections.corrupt', { count: list.corrupt.length })}
        </p>
      )}
      <fieldset className="row objection-filters">
        <legend>{t('objections.filters')}</legend>
        <ContestFilter id={`${id}-contest`} label={t('objections.contest')} setup={setup} value={filters.contest} onChange={(v) => set('contest', v)} />
        <DesaFilter id={`${id}-desa`} label={t('objections.desa')} setup={setup} value={filters.desa} onChange={(v) => set('desa', v)} />
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('objections.kind')}</label>
          <select id={`${id}-kind`} value={filters.kind} onChange={(e) => set('kind', e.target.value as Filters['kind'])}>
            <option value="">{t('discrepancies.all')}</option>
            {OBJECTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`objections.kind_${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-decision`}>{t('objections.decision')}</label>
          <select id={`${id}-decision`} value={filters.decision} onChange={(e) => set('decision', e.target.value as Filters['decision'])}>
            <option value="">{t('discrepancies.all')}</option>
            {DECISION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`objections.decision_${s}`)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      {list === undefined ? (
        <p role="status">{t('app.loading')}</p>
      ) : shown.length === 0 ? (
        <p role="status">{t('objections.none')}</p>
      ) : (
        shown.map(({ row, number }) => <ObjectionCard key={row.id} setup={setup} row={row} number={number} actor={props.actor} />)
      )}
    </section>
  );
}
