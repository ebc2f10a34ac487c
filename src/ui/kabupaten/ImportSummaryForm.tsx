import { useId, useState, type FormEvent } from 'react';
import { CONTEST_LABELS } from '../../domain/labels/contests.ts';
import { pickGroupPositions } from '../../domain/summary/index.ts';
import { TransportError } from '../../sync/transport.ts';
import type { KabupatenClient } from '../../sync/kabupaten.ts';
import { readJsonFile } from '../common/files.ts';
import { formatNumber } from '../common/format.ts';
import { useLanguage } from '../common/language.tsx';
import { useTranslation } from '../i18n/index.ts';
import { cryptoRandomInt } from '../verify/random.ts';

type Outcome = { kind: 'ok'; message: string } | { kind: 'error'; message: string } | null;

/**
 * The chair sends the kecamatan's signed summary to the kabupaten level. The two groups to type are
 * drawn at random when the file is chosen, and checked by the server against the file's hash: the
 * file must be the one whose hash is printed on the signed paper.
 */
export function ImportSummaryForm(props: {
  client: KabupatenClient;
  onImported: () => void;
  /** Runs before the upload (the app: a sync round, so this device's audit chain is on the server). */
  beforeImport?: () => Promise<unknown>;
  randomInt?: (maxExclusive: number) => number;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = useId();
  const [file, setFile] = useState<{ name: string; value: unknown } | null>(null);
  const [positions, setPositions] = useState<number[]>([]);
  const [typed, setTyped] = useState<string[]>([]);
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const choose = async (chosen: File) => {
    setOutcome(null);
    const read = await readJsonFile(chosen);
    if (!read.ok) {
      setFile(null);
      setOutcome({ kind: 'error', message: t('kabupaten.fileUnreadable', { name: chosen.name, reason: read.reason[lang] }) });
      return;
    }
    setFile({ name: chosen.name, value: read.value });
    const picked = pickGroupPositions(props.randomInt ?? cryptoRandomInt);
    setPositions(picked);
    setTyped(picked.map(() => ''));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      // The server takes a summary only once the signer's audit history is there: send ours first
      // (a failed round is not fatal here — the import then says what is missing).
      await props.beforeImport?.();
      const answer = await props.client.importSummary({
        summary: file.value,
        groups: positions.map((p, i) => ({ group: p + 1, typed: typed[i] ?? '' })),
        replace,
      });
      const s = answer.summary;
      const head =
        answer.status === 'unchanged'
          ? t('kabupaten.unchanged')
          : t('kabupaten.imported', { kecamatan: `${s.kecamatan.name} (${s.kecamatan.code})`, contests: s.contests.join(', '), hash: s.hash.slice(0, 16) });
      const coverage = answer.coverage.map((c) =>
        t(c.source === 'server' ? 'kabupaten.importCoverageChecked' : 'kabupaten.importCoverageUnchecked', {
          contest: CONTEST_LABELS[c.contest][lang],
          final: formatNumber(c.final, lang),
          expected: formatNumber(c.expected, lang),
        }),
      );
      setOutcome({ kind: 'ok', message: [head, ...coverage].join(' ') });
      props.onImported();
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      setOutcome({ kind: 'error', message: t('kabupaten.refused', { reason: error.failure.message[lang] }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('kabupaten.importTitle')}</h2>
      <p className="hint">{t('kabupaten.importIntro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('kabupaten.file')}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept="application/json,.json"
            disabled={busy}
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              if (chosen) void choose(chosen);
              e.target.value = '';
            }}
          />
          {file && <span className="hint">{t('kabupaten.fileChosen', { name: file.name })}</span>}
        </div>
        {file &&
          positions.map((position, i) => (
            <div className="field" key={position}>
              <label htmlFor={`${id}-g${position}`}>{t('kabupaten.group1', { n: position + 1 })}</label>
              <input
                id={`${id}-g${position}`}
                type="text"
                className="hash-input"
                autoComplete="off"
                spellCheck={false}
                maxLength={9}
                aria-describedby={`${id}-ghint`}
                value={typed[i] ?? ''}
                onChange={(e) => setTyped((prev) => prev.map((v, j) => (j === i ? e.target.value : v)))}
              />
            </div>
          ))}
        {file && (
          <>
            <p className="hint" id={`${id}-ghint`}>
              {t('kabupaten.groupHint')}
            </p>
            <div className="field">
              <label>
                <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> {t('kabupaten.replace')}
              </label>
            </div>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('kabupaten.busy') : t('kabupaten.submit')}
            </button>
          </>
        )}
      </form>
      {outcome?.kind === 'ok' && (
        <p className="banner ok" role="status" data-testid="kabupaten-import-ok">
          {outcome.message}
        </p>
      )}
      {outcome?.kind === 'error' && (
        <p className="banner error" role="alert" data-testid="kabupaten-import-error">
          {outcome.message}
        </p>
      )}
    </section>
  );
}
