import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import type { DesaCode } from '../../domain/codes/codes.ts';
import type { Language, LocalizedText } from '../../domain/common/text.ts';
import { desaBlockerText, kecamatanBlockerText } from '../../domain/finalisation/index.ts';
import { findDesa, type Setup } from '../../domain/setup/index.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import {
  desaFinalisationState,
  finaliseDesa,
  finaliseKecamatan,
  kecamatanFinalisationState,
  reopenDesa,
  reopenKecamatan,
  type FinalisationEvent,
  type FinalisationRow,
} from '../../db/index.ts';
import { routeHash } from '../app/route.ts';
import { useAppDb } from '../common/db.ts';
import { useRoleView } from '../common/useRoleView.ts';
import { formatNumber, formatWib } from '../common/format.ts';
import { useSettings, useSetupState } from '../common/hooks.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import '../dhasil/messages.ts';
import './finalisation.css';

export interface FinalisationPanelProps {
  /** null: the kecamatan × contest. */
  desa: DesaCode | null;
  contest: ContestId;
  /**
   * Folded into one line ("Belum final · 31 hal belum siap") that opens the panel: on the D.Hasil,
   * where the figures come first and a desa's checklist can run to 31 lines.
   */
  collapsed?: boolean;
}

/**
 * Finalising a desa (or the kecamatan) × contest: what still blocks it, the Finalise button, and
 * once final, Reopen with a reason. Reads setup, operator and state live, so it can sit on any page.
 */
/** The finalisation state of the area × contest, for devices that do not finalise. */
function FinalisationState(props: FinalisationPanelProps) {
  const { t } = useTranslation();
  const db = useAppDb();
  const isFinal = useLiveQuery(async () => {
    const state = props.desa ? await desaFinalisationState(db, props.desa, props.contest) : await kecamatanFinalisationState(db, props.contest);
    return state.ok && state.value.final;
  }, [db, props.desa, props.contest]);
  return (
    <p className={`banner ${isFinal ? 'ok' : 'info'}`} data-testid="finalisation-state" data-final={isFinal}>
      {isFinal ? t('finalisation.finalReadOnly') : t('finalisation.notFinalReadOnly')}
    </p>
  );
}

export function FinalisationPanel(props: FinalisationPanelProps) {
  const setupState = useSetupState();
  const settings = useSettings();
  const view = useRoleView();
  if (setupState.state !== 'ready' || settings === undefined || view === undefined) return null;
  // Finalising and reopening are the chair's (the role's view of the workflow table): other devices see the state only.
  if (!view.may.finalise) return <FinalisationState desa={props.desa} contest={props.contest} />;
  return <Panel key={`${props.desa ?? 'kec'}:${props.contest}`} setup={setupState.setup} actor={settings.operatorName ?? ''} {...props} />;
}

interface View {
  row: FinalisationRow | null;
  final: boolean;
  blockers: { text: LocalizedText; href: string | null }[];
  covered: { text: string; href: string }[];
  notFinal: number;
}

const pad = (n: string) => n.padStart(3, '0');

function Panel(props: FinalisationPanelProps & { setup: Setup; actor: string }) {
  const { setup, desa, contest, actor } = props;
  const { t } = useTranslation();
  const lang = useLanguage();
  const db = useAppDb();
  const id = useId();
  const [error, setError] = useState<{ text: string; items?: string[] } | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const view = useLiveQuery(async (): Promise<View | { error: LocalizedText }> => {
    if (desa) {
      const s = await desaFinalisationState(db, desa, contest);
      if (!s.ok) return { error: s.error.message };
      const r = s.value.readiness;
      return {
        row: s.value.row,
        final: s.value.final,
        blockers: r.ok ? [] : r.error.map((b) => ({ text: desaBlockerText(b), href: routeHash({ name: 'entry', tps: b.tps, contest }) })),
        covered: r.ok ? r.value.covered.map((c) => ({ text: `TPS ${pad(c.tps.slice(10))}: ${c.codes.join(', ')}`, href: routeHash({ name: 'entry', tps: c.tps, contest }) })) : [],
        notFinal: s.value.notFinal.length,
      };
    }
    const s = await kecamatanFinalisationState(db, contest);
    if (!s.ok) return { error: s.error.message };
    const r = s.value.readiness;
    return {
      row: s.value.row,
      final: s.value.final,
      blockers: r.ok ? [] : r.error.map((b) => ({ text: kecamatanBlockerText(setup, b), href: routeHash({ name: 'finalisation', contest, desa: b.desa }) })),
      covered: [],
      notFinal: 0,
    };
  }, [db, desa, contest, setup]);

  const area = desa ? (findDesa(setup, desa)?.name ?? desa) : t('finalisation.kecamatan', { name: setup.kecamatan.name });
  const titleId = `${id}-title`;
  if (view === undefined) return <p role="status">{t('app.loading')}</p>;
  if ('error' in view) return <p role="alert">{view.error[lang]}</p>;
  const last = view.row?.history.at(-1);

  const finalise = async () => {
    setBusy(true);
    const r = desa ? await finaliseDesa(db, desa, contest, actor) : await finaliseKecamatan(db, contest, actor);
    setBusy(false);
    if (r.ok) return setError(null);
    const items =
      r.error.kind === 'desa-blocked'
        ? r.error.blockers.map((b) => desaBlockerText(b)[lang])
        : r.error.kind === 'kecamatan-blocked'
          ? r.error.blockers.map((b) => kecamatanBlockerText(setup, b)[lang])
          : undefined;
    setError({ text: r.error.message[lang], ...(items ? { items } : {}) });
  };
  const reopen = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setError({ text: t('finalisation.reasonRequired') });
    setBusy(true);
    const r = desa ? await reopenDesa(db, desa, contest, actor, reason) : await reopenKecamatan(db, contest, actor, reason);
    setBusy(false);
    if (!r.ok) return setError({ text: r.error.message[lang] });
    setError(null);
    setReason('');
  };

  const title = t('finalisation.title', { area, contest: t(`contest.${contest}`) });
  const body = (
    <>
      <p data-testid="finalisation-state">
        {view.final && last ? (
          <strong className="chip chip-final">{t('finalisation.isFinal', { by: last.by, when: formatWib(last.at, lang) })}</strong>
        ) : last?.action === 'reopened' ? (
          <strong>{t('finalisation.reopenedState', { by: last.by, when: formatWib(last.at, lang), reason: last.reason ?? '' })}</strong>
        ) : (
          <strong>{t('finalisation.notFinal')}</strong>
        )}
      </p>
      {view.notFinal > 0 && (
        <p className="banner warn" role="status">
          {t('finalisation.drift', { count: view.notFinal })}
        </p>
      )}
      {!view.final && (
        <>
          {view.blockers.length > 0 ? (
            <div data-testid="finalisation-blockers">
              <h3>{t('finalisation.blockersTitle', { count: view.blockers.length })}</h3>
              <ul>
                {view.blockers.map((b, i) => (
                  <li key={i}>{b.href ? <a href={b.href}>{b.text[lang]}</a> : b.text[lang]}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="banner ok" role="status">
              {desa ? t('finalisation.readyDesa') : t('finalisation.readyKecamatan')}
            </p>
          )}
          {view.covered.length > 0 && (
            <div>
              <h3>{t('finalisation.coveredTitle')}</h3>
              <ul>
                {view.covered.map((c) => (
                  <li key={c.href}>
                    <a href={c.href}>{c.text}</a>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <button type="button" className="primary" disabled={busy || view.blockers.length > 0} onClick={() => void finalise()}>
            {t('finalisation.finalise', { area })}
          </button>
        </>
      )}
      {view.final && (
        <form className="reopen-form" onSubmit={(e) => void reopen(e)}>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('finalisation.reopenReason')}</label>
            <textarea id={`${id}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" disabled={busy}>
            {t('finalisation.reopen', { area })}
          </button>
        </form>
      )}
      {error && (
        <div className="banner error" role="alert">
          <div>
            {error.text}
            {error.items && (
              <ul>
                {error.items.map((item, i) => (
                  <li key={i}>{item}</li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      {view.row && view.row.history.length > 0 && (
        <table className="finalisation-history" data-testid="finalisation-history">
          <caption>{t('finalisation.historyTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('finalisation.colAction')}</th>
              <th scope="col">{t('finalisation.colWho')}</th>
              <th scope="col">{t('finalisation.colWhen')}</th>
              <th scope="col">{t('finalisation.colReason')}</th>
            </tr>
          </thead>
          <tbody>
            {[...view.row.history].reverse().map((e, i) => (
              <tr key={i}>
                <td>{t(`finalisation.action_${e.action}`)}</td>
                <td>{e.by}</td>
                <td>
                  <time dateTime={e.at}>{formatWib(e.at, lang)}</time>
                </td>
                <td>{e.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
  if (props.collapsed) {
    return (
      <details className="card finalisation-panel fold" data-testid="finalisation-panel" data-final={view.final}>
        {/* A heading in the summary keeps the page's outline (h1, then h2 per panel) while folded. */}
        <summary>
          <h2>
            {title}: <span data-testid="finalisation-status">{statusLine(t, view, last, lang)}</span>
          </h2>
        </summary>
        {body}
      </details>
    );
  }
  return (
    <section className="card finalisation-panel" aria-labelledby={titleId} data-testid="finalisation-panel" data-final={view.final}>
      <h2 id={titleId}>{title}</h2>
      {body}
    </section>
  );
}

/** The folded panel's one line: final (by whom, when) or what still blocks it. */
function statusLine(t: ReturnType<typeof useTranslation>['t'], view: View, last: FinalisationEvent | undefined, lang: Language): string {
  const n = (v: number) => formatNumber(v, lang);
  if (view.final) {
    const state = last ? t('finalisation.isFinal', { by: last.by, when: formatWib(last.at, lang) }) : t('finalisation.notFinal');
    return view.notFinal > 0 ? `${state} · ${t('dhasilPage.drift', { count: view.notFinal, n: n(view.notFinal) })}` : state;
  }
  const next = view.blockers.length > 0 ? t('dhasilPage.blockers', { count: view.blockers.length, n: n(view.blockers.length) }) : t('dhasilPage.ready');
  return `${t('finalisation.notFinal')} · ${next}`;
}
