import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { desaOfTps, tpsNumberOf, type TpsCode } from '../../domain/codes/codes.ts';
import type { Language } from '../../domain/common/text.ts';
import { findContest, findDesa } from '../../domain/setup/lookup.ts';
import type { ContestSetup, Setup, VerificationMode } from '../../domain/setup/schema.ts';
import type { ContestId } from '../../domain/tally/contest.ts';
import { tallyKey, type TallyKey } from '../../domain/tally/tally.ts';
import { getTally, getVerificationMode, loadSetup, type RekapDb, type TallyRow } from '../../db/index.ts';
import { useAppDb } from '../common/db.ts';
import { useDeviceActor } from '../common/useDeviceActor.ts';
import { formsReadOnly, panelsOfDesa } from '../../domain/workflow/index.ts';
import { useLanguage } from '../common/language.tsx';
import { BlindEntry } from './BlindEntry.tsx';
import { useStore } from './context.ts';
import { CorrectionDialog } from './CorrectionDialog.tsx';
import { EntryProvider, focusCell } from './EntryProvider.tsx';
import { createFormStore } from './formStore.ts';
import { FindingsSummary } from './FindingsSummary.tsx';
import { FormSections } from './FormSections.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { MarkEnteredPanel } from './MarkEnteredPanel.tsx';
import { PhotoSection } from './photos/PhotoSection.tsx';
import { PhotosBeside } from './photos/PhotosBeside.tsx';
import { m, otherPanelNote } from './messages.ts';
import { SaveIndicator } from './SaveIndicator.tsx';
import { LastChange } from './LastChange.tsx';
import { useServerAudit, type ServerAudit } from './useServerAudit.ts';
import { VerificationPanel } from './VerificationPanel.tsx';
import './entry.css';

/** How often a device watching a form (read-only) asks the server for its latest history. */
const WATCH_POLL_MS = 10_000;

export interface EntryFormProps {
  tps: TpsCode;
  contest: ContestId;
  /** The clerk's name, recorded with every change. */
  actor: string;
}

/**
 * The C.Hasil entry form of one TPS × contest: reads the setup and the tally live from the local
 * database and writes every typed figure straight back (no save button).
 */
export function EntryForm({ tps, contest, actor }: EntryFormProps) {
  const db = useAppDb();
  const lang = useLanguage();
  const key = tallyKey({ tps, contest });
  const setup = useLiveQuery(() => loadSetup(db), [db]);
  const row = useLiveQuery(() => getTally(db, key), [db, key]);
  const mode = useLiveQuery(() => getVerificationMode(db), [db]);

  if (setup === undefined || row === undefined) return <p className="entry-loading">{m.loading[lang]}</p>;
  if (!setup.ok) return <p role="alert">{setup.error.message[lang]}</p>;
  if (setup.value === null) return <p role="alert">{m.noSetup[lang]}</p>;
  if (!row.ok) return <p role="alert">{row.error.message[lang]}</p>;
  const contestSetup = findContest(setup.value, contest);
  if (!contestSetup) return <p role="alert">{m.unknownContest[lang]}</p>;
  return (
    <LoadedForm
      // A new TPS or contest is a new form: fresh local state, nothing carried over.
      key={`${db.name}:${key}`}
      db={db}
      tps={tps}
      tallyKey={key}
      setup={setup.value}
      contest={contestSetup}
      row={row.value}
      actor={actor}
      mode={mode ?? setup.value.settings.verification}
      lang={lang}
    />
  );
}

interface LoadedProps {
  db: RekapDb;
  tps: TpsCode;
  tallyKey: TallyKey;
  setup: Setup;
  contest: ContestSetup;
  row: TallyRow | null;
  actor: string;
  mode: VerificationMode;
  lang: Language;
}

function LoadedForm(props: LoadedProps) {
  const { db, tps, tallyKey: key, contest, row, lang } = props;
  const [{ store, update }] = useState(() => createFormStore(db, tps, contest, row, props.actor));
  // The other contests' rows by key, not the TPS's index range: the form's own autosave (every
  // keystroke) then does not re-run this query and re-check the form a second time.
  const otherKeys = useMemo(
    () => props.setup.contests.filter((c) => c.id !== contest.id).map((c) => tallyKey({ tps, contest: c.id })),
    [props.setup, contest.id, tps],
  );
  const siblings = useLiveQuery(() => Promise.all(otherKeys.map((k) => getTally(db, k))), [db, otherKeys]);
  const others = useMemo(() => (siblings ?? []).flatMap((r) => (r.ok && r.value ? [r.value.tally] : [])), [siblings]);
  // Leaving the form commits what was typed (one audit entry per cell; docs/integrity.md).
  useEffect(() => () => store.commitAll(), [store]);
  useEffect(() => {
    // Keyboard first: a form being typed opens on its first empty cell (not 21 Tab presses away).
    const first = store.locked ? undefined : store.missing()[0];
    if (first !== undefined) focusCell('', first);
  }, [store]);
  useEffect(() => {
    // The writer and checker outlive renders: give them the latest actor, second entry and W04 peers.
    update(props.actor, row, others);
  }, [row, others, update, props.actor]);

  const status = useStore(store, (s) => s.tally.status);
  const [secondPerson, setSecondPerson] = useState<string | null>(null);
  const desa = useMemo(() => findDesa(props.setup, desaOfTps(tps)), [props.setup, tps]);
  const deviceActor = useDeviceActor();
  // The same rule the server enforces: a form this device may not write opens read-only, saying why.
  const readOnly = deviceActor ? formsReadOnly(deviceActor, desaOfTps(tps)) : null;
  // Other devices' entries of this form, from the server: the history below and, on a watching
  // device, the last change above (asked again every WATCH_POLL_MS there).
  const remote = useServerAudit(db, key, readOnly ? WATCH_POLL_MS : null);
  useEffect(() => store.setReadOnly(readOnly !== null), [store, readOnly]);
  const panelName = deviceActor?.panel ? (props.setup.panels.find((p) => p.id === deviceActor.panel)?.name ?? deviceActor.panel) : null;

  const header = (
    <header className="entry-header">
      <h2>
        {m.formTitle[lang]} {contest.name} — {desa?.name ?? desaOfTps(tps)}, {m.tps[lang]} {String(tpsNumberOf(tps)).padStart(3, '0')}
      </h2>
      <p className="entry-meta">
        <span className={`entry-status entry-status--${status}`} data-testid="tally-status" data-status={status}>
          {m.statusLabel[lang]}: {m[`status_${status}`][lang]}
        </span>{' '}
        <SaveIndicator hasRow={row !== null} />
        {row?.tally.verifiedBy ? (
          <span className="entry-meta-item">
            {' '}
            {m.verifiedBy[lang]}: {row.tally.verifiedBy}
          </span>
        ) : null}
      </p>
    </header>
  );

  return (
    <EntryProvider store={store} contest={contest} lang={lang} idPrefix="">
      <div className="entry-form" data-testid="entry-form" data-status={status}>
        {header}
        {secondPerson !== null && row ? (
          // Blind: nothing of the first entry (cells, findings, history) is on screen.
          <BlindEntry
            db={db}
            tallyKey={key}
            tps={tps}
            contest={contest}
            lang={lang}
            name={secondPerson}
            resume={row.secondEntry && row.secondEntry.by === secondPerson ? row.secondEntry.tally : null}
            first={row.tally}
            onClose={() => setSecondPerson(null)}
          />
        ) : (
          <PhotosBeside db={db} tallyKey={key} show={readOnly !== null || (status === 'entered' && props.mode === 'readback')} lang={lang}>
            {readOnly ? <LastChange db={db} tallyKey={key} extra={remote.entries} refused={remote.refused} lang={lang} /> : null}
            <FindingsSummary />
            {readOnly ? (
              <p className="banner info entry-readonly-note" role="note" data-testid="readonly-note" data-reason={readOnly.code}>
                {(readOnly.code === 'other-panel' ? otherPanelNote(panelsOfDesa(props.setup, desaOfTps(tps)), desa?.name ?? desaOfTps(tps), panelName) : m.readOnlyRole)[lang]}
              </p>
            ) : store.locked ? (
              <p className="entry-note entry-locked-note" data-testid="locked-note" data-final={status === 'final'}>
                {(status === 'final' ? m.finalLockedNote : m.lockedNote)[lang]}
              </p>
            ) : null}
            <FormSections contest={contest} />
            <CorrectionDialog />
            {!readOnly && (status === 'empty' || status === 'draft') ? <MarkEnteredPanel db={db} tallyKey={key} actor={props.actor} /> : null}
            {!readOnly && status === 'entered' && row ? (
              <VerificationPanel db={db} tallyKey={key} actor={props.actor} row={row} mode={props.mode} onStartSecondEntry={setSecondPerson} />
            ) : null}
            <PhotoSection db={db} tallyKey={key} actor={props.actor} canWrite={readOnly === null} lang={lang} />
            <EntryHistory db={db} tallyKey={key} contest={contest} lang={lang} remote={remote} />
          </PhotosBeside>
        )}
      </div>
    </EntryProvider>
  );
}

/** The history with other devices' entries from the server (when this device is enrolled). */
function EntryHistory(props: { db: RekapDb; tallyKey: TallyKey; contest: ContestSetup; lang: Language; remote: ServerAudit }) {
  const { remote } = props;
  return <HistoryPanel db={props.db} tallyKey={props.tallyKey} contest={props.contest} lang={props.lang} extra={remote.entries} extraNote={remote.note} refused={remote.refused} devices={remote.devices} />;
}
