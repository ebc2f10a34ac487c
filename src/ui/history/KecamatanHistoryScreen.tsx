import { useEffect, useId, useState } from 'react';
import { tpsNumberOf, type DesaCode, type TpsCode } from '../../domain/codes/codes.ts';
import { formatNumber, type Language, type LocalizedText } from '../../domain/common/text.ts';
import { fingerprintOfKeyHash } from '../../domain/crypto/keys.ts';
import { findContest, findDesa } from '../../domain/setup/lookup.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import { CONTEST_IDS, type ContestId } from '../../domain/tally/contest.ts';
import { recordLabel } from '../../domain/workflow/recordLabel.ts';
import { fetchRecentAudit, TransportError, type RecentAudit, type RecentAuditItem } from '../../sync/index.ts';
import { routeHash } from '../app/route.ts';
import { DesaFilter } from '../common/FilterSelects.tsx';
import { formatWib } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { FieldChangeList } from '../entry/FieldChangeList.tsx';
import { actionLabel, roleLabel } from '../entry/historyFormat.ts';
import { WrittenBy } from '../entry/HistoryPanel.tsx';
import { ActionWithRefusal, RefusedReason } from '../entry/RefusedNote.tsx';
import { useTranslation } from '../i18n/index.ts';
import { useSyncEngine } from '../sync/engine.ts';
import { useSyncStatus } from '../sync/useSyncStatus.ts';

type Load = { kind: 'loading' } | { kind: 'ready'; data: RecentAudit } | { kind: 'failed'; message: LocalizedText };

/**
 * `#/riwayat`: the latest changes of every device in the kecamatan, newest first, from the server —
 * what a witness or Panwascam watches during the plenary. Each entry's signature is checked on this
 * device; who (the device and role the server enrolled, the typed name below it), device, reason and the figures before → after are shown as signed. An entry
 * whose edit the server refused (issue 11) is shown as refused, with the reason, not as a change.
 */
export function KecamatanHistoryScreen(props: { setup: Setup }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = useId();
  const engine = useSyncEngine();
  const status = useSyncStatus();
  const [desa, setDesa] = useState<DesaCode | ''>('');
  const [version, setVersion] = useState(0);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const enrolled = status.enrolment !== null;

  useEffect(() => {
    if (!enrolled) return;
    let live = true;
    void (async () => {
      const transport = await engine.transport();
      if (!transport) return;
      try {
        const data = await fetchRecentAudit(transport, desa || null);
        if (live) setLoad({ kind: 'ready', data });
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        if (live) setLoad({ kind: 'failed', message: error.failure.message });
      }
    })();
    return () => {
      live = false;
    };
  }, [engine, enrolled, desa, version]);

  if (status.loading) return <p role="status">{t('app.loading')}</p>;
  return (
    <section aria-labelledby="audit-log-title">
      <h1 id="audit-log-title">{t('auditLog.title')}</h1>
      <p className="hint">{t('auditLog.intro')}</p>
      {!enrolled ? (
        <p className="banner">
          <a href={routeHash({ name: 'sync' })}>{t('auditLog.notEnrolled')}</a>
        </p>
      ) : (
        <>
          <div className="row">
            <DesaFilter
              id={`${id}-desa`}
              label={t('auditLog.desa')}
              setup={props.setup}
              value={desa}
              onChange={(next) => {
                setLoad({ kind: 'loading' });
                setDesa(next);
              }}
            />
            <button
              type="button"
              onClick={() => {
                setLoad({ kind: 'loading' });
                setVersion((v) => v + 1);
              }}
            >
              {t('auditLog.refresh')}
            </button>
          </div>
          {load.kind === 'loading' && <p role="status">{t('app.loading')}</p>}
          {load.kind === 'failed' && (
            <p className="banner error" role="alert">
              {load.message[lang]}
            </p>
          )}
          {load.kind === 'ready' && <HistoryTable setup={props.setup} data={load.data} lang={lang} />}
        </>
      )}
    </section>
  );
}

function HistoryTable(props: { setup: Setup; data: RecentAudit; lang: Language }) {
  const { t } = useTranslation();
  const { data, lang } = props;
  return (
    <>
      {data.rejected > 0 && (
        <p className="banner error" role="alert">
          {t('auditLog.rejected', { count: data.rejected })}
        </p>
      )}
      {data.more && <p className="hint">{t('auditLog.more', { count: formatNumber(data.items.length, lang) })}</p>}
      {data.items.length === 0 ? (
        <p>{t('auditLog.empty')}</p>
      ) : (
        <table className="entry-table" data-testid="audit-log">
          <thead>
            <tr>
              <th scope="col">{t('auditLog.when')}</th>
              <th scope="col">{t('auditLog.record')}</th>
              <th scope="col">{t('auditLog.action')}</th>
              <th scope="col">{t('auditLog.change')}</th>
              <th scope="col">{t('auditLog.who')}</th>
              <th scope="col">{t('auditLog.device')}</th>
              <th scope="col">{t('auditLog.why')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <Row key={`${item.entry.device}#${item.entry.seq}`} setup={props.setup} item={item} lang={lang} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** `<tps>:<contest>` of a tally entry, when it is one of this setup's forms. */
function tallyOf(setup: Setup, item: RecentAuditItem): { tps: TpsCode; contest: ContestId } | null {
  if (item.entry.record.kind !== 'tally') return null;
  const [tps, contest] = item.entry.record.key.split(':');
  if (!tps || !/^\d{13}$/.test(tps) || !contest || !(CONTEST_IDS as readonly string[]).includes(contest)) return null;
  return findContest(setup, contest as ContestId) ? { tps: tps as TpsCode, contest: contest as ContestId } : null;
}

function Row(props: { setup: Setup; item: RecentAuditItem; lang: Language }) {
  const { t } = useTranslation();
  const { setup, item, lang } = props;
  const { entry, device } = item;
  const form = tallyOf(setup, item);
  const contest = form ? findContest(setup, form.contest) : undefined;
  const role = roleLabel(entry.role, lang);
  return (
    <tr data-action={entry.action} {...(item.refused ? { 'data-refused': item.refused, className: 'entry-history-refused' } : {})}>
      <td>
        <time dateTime={entry.at}>{formatWib(entry.at, lang)}</time>
      </td>
      <td>
        {form ? (
          <a href={routeHash({ name: 'entry', tps: form.tps, contest: form.contest })}>
            {findDesa(setup, form.tps.slice(0, 10) as DesaCode)?.name ?? form.tps.slice(0, 10)}, TPS {String(tpsNumberOf(form.tps)).padStart(3, '0')} · {t(`contest.${form.contest}`)}
          </a>
        ) : (
          recordLabel(setup, entry.record.key)[lang]
        )}
      </td>
      <td>
        <ActionWithRefusal label={actionLabel(entry.action, lang)} refused={item.refused} lang={lang} />
      </td>
      <td>
        {contest ? (
          <FieldChangeList change={entry} contest={contest} lang={lang} refused={item.refused !== null} />
        ) : (
          '—'
        )}
        {item.refused ? <RefusedReason code={item.refused} lang={lang} /> : null}
      </td>
      <td>
        <WrittenBy change={entry} enrolled={device} lang={lang} fallbackRole={role} />
      </td>
      <td>
        {device.name} <code>{fingerprintOfKeyHash(entry.device)}</code> #{entry.seq}
      </td>
      <td>{entry.reason ?? '—'}</td>
    </tr>
  );
}
