import { hostname } from 'node:os';
import { formatNumber, text, type Language, type LocalizedText } from '../../domain/common/text.ts';
import { objectionsFile } from '../../domain/objections/file.ts';
import { TALLIES_FORMAT } from '../../domain/tally/tally.ts';
// Each module by its own path, not the sync barrel: the barrel also exports the browser's Dexie
// store, which the headless client must not load (tests/sync/node/moduleGraph.test.ts).
import { enrol, type TransportFor } from '../../sync/enrol.ts';
import { httpTransport, normaliseServerUrl } from '../../sync/http.ts';
import { writeLocalMany } from '../../sync/localWrite.ts';
import { SqliteSyncStore, StateError } from '../../sync/node/sqliteStore.ts';
import { emptyPullReport, pullAll, type PullReport } from '../../sync/pull.ts';
import { emptyPushReport, pushAll, type PushReport } from '../../sync/push.ts';
import type { Enrolment } from '../../sync/store.ts';
import { TransportError } from '../../sync/transport.ts';
import { parseCommandArgs, stringOption } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import { writeFileAtomic, writeJson, type CommandContext } from '../io.ts';
import { loadTallies } from '../load.ts';
import { addObjection, decideObjection } from './syncObjection.ts';
import { auditReceiptCommand } from './syncReceipt.ts';

const ACTIONS = ['push', 'pull', 'objection', 'audit-receipt'] as const;

/**
 * `rekap sync --server <url> --state <dir> [--code <code>] push <tallies.json>` and
 * `… pull -o <tallies.json>`: the headless client, on the same sync engine as the app. The state
 * folder keeps enrolment, outbox and checkpoint (src/sync/node/sqliteStore.ts), so a push that was
 * cut off resumes where it stopped. Exit 0 only when everything is acknowledged and no conflict
 * is open; 1 otherwise (conflicts, refusals, an unreachable server); 2 for bad input.
 */
export async function syncCommand({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs(
    'sync',
    args,
    {
      server: { type: 'string' },
      state: { type: 'string' },
      code: { type: 'string' },
      output: { type: 'string', short: 'o' },
      'objections-out': { type: 'string' },
      name: { type: 'string' },
      json: { type: 'boolean' },
      ...OBJECTION_OPTIONS,
    },
    3,
  );
  const [action, file, objectionId] = parsed.positionals;
  if (!action || !(ACTIONS as readonly string[]).includes(action)) {
    throw new CliError(
      text('"rekap sync" memerlukan push <berkas>, pull -o <berkas> atau objection add|decide.', '"rekap sync" needs push <file>, pull -o <file> or objection add|decide.'),
    );
  }
  if (action === 'objection') return objectionCommand({ args, io, lang }, parsed, file, objectionId);
  const stateDir = stringOption(parsed, 'state');
  if (!stateDir) throw new CliError(text('"rekap sync" memerlukan --state <folder>.', '"rekap sync" needs --state <folder>.'));
  const output = stringOption(parsed, 'output');
  if (action === 'push' && (!file || output)) throw new CliError(text('Pakai: rekap sync … push <tallies.json>.', 'Use: rekap sync … push <tallies.json>.'));
  if (action === 'pull' && (file || !output)) throw new CliError(text('Pakai: rekap sync … pull -o <tallies.json>.', 'Use: rekap sync … pull -o <tallies.json>.'));
  if (action === 'audit-receipt' && (file || !output)) throw new CliError(text('Pakai: rekap sync … audit-receipt -o <receipt.json>.', 'Use: rekap sync … audit-receipt -o <receipt.json>.'));
  // Read the input before touching the state: bad input changes nothing.
  const input = action === 'push' ? await loadTallies(file!) : null;

  const store = await openState(stateDir);
  try {
    const enrolment = await ensureEnrolled(store, TRANSPORT, enrolOptions(parsed));
    const transport = TRANSPORT(enrolment.serverUrl, enrolment.token);
    const say = (t: LocalizedText) => io.err(`${t[lang]}\n`);
    if (action === 'audit-receipt') return await auditReceiptCommand({ args, io, lang }, store, transport, output!, parsed.values.json === true);

    if (action === 'push') {
      if (input!.kecamatan !== enrolment.kecamatan) {
        throw new CliError(text(`Berkas untuk kecamatan ${input!.kecamatan}, server untuk ${enrolment.kecamatan}.`, `The file is for kecamatan ${input!.kecamatan}, the server for ${enrolment.kecamatan}.`));
      }
      const queued = await writeLocalMany(store, input!.tallies, enrolment.deviceName);
      const report = emptyPushReport();
      let failure: LocalizedText | null = null;
      try {
        await pushAll({ store, transport }, report);
      } catch (error) {
        if (!(error instanceof TransportError)) throw error;
        failure = error.failure.message;
      }
      const counts = await store.counts();
      const conflicts = (await store.conflicts()).map((c) => c.key);
      const done = failure === null && counts.pending === 0 && counts.conflicts === 0;
      if (parsed.values.json) writeJson(io, { action, queued, ...report, pending: counts.pending, openConflicts: conflicts, error: failure?.[lang] ?? null, done });
      else io.out(pushSummary(lang, queued, report, counts.pending, conflicts));
      if (failure) say(text(`Terhenti: ${failure.id} Jalankan lagi untuk melanjutkan.`, `Stopped: ${failure.en} Run again to resume.`));
      return done ? EXIT.ok : EXIT.findings;
    }

    const report = emptyPullReport();
    let failure: LocalizedText | null = null;
    try {
      await pullAll({ store, transport }, report);
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      failure = error.failure.message;
    }
    const records = await store.records();
    const tallies = records.flatMap((r) => (r.kind === 'tally' ? [r.record] : []));
    await writeFileAtomic(output!, `${JSON.stringify({ format: TALLIES_FORMAT, kecamatan: enrolment.kecamatan, tallies }, null, 2)}\n`);
    const objectionsOut = stringOption(parsed, 'objections-out');
    if (objectionsOut) {
      const objections = records.flatMap((r) => (r.kind === 'objection' ? [r.record] : []));
      await writeFileAtomic(objectionsOut, `${JSON.stringify(objectionsFile(enrolment.kecamatan, objections), null, 2)}\n`);
    }
    const conflicts = (await store.conflicts()).map((c) => c.key);
    const done = failure === null && conflicts.length === 0 && report.refused.length === 0;
    if (parsed.values.json) writeJson(io, { action, ...report, tallies: tallies.length, openConflicts: conflicts, error: failure?.[lang] ?? null, done });
    else io.out(pullSummary(lang, report, tallies.length, output!, conflicts));
    if (failure) say(text(`Terhenti: ${failure.id}`, `Stopped: ${failure.en}`));
    return done ? EXIT.ok : EXIT.findings;
  } catch (error) {
    throw inWords(error);
  } finally {
    await store.close();
  }
}

/**
 * `rekap sync … objection add --tps <tps> --contest <c> --text <t> [--kind objection|event]
 * [--of party:<no>]` files one from this device; `objection decide <id> --decision <outcome> --text
 * <note>` is the chair's. Written locally with its op, then pushed: exit 0 when the server took it.
 */
async function objectionCommand({ io, lang }: CommandContext, parsed: ReturnType<typeof parseCommandArgs>, sub: string | undefined, id: string | undefined): Promise<ExitCode> {
  if (sub !== 'add' && sub !== 'decide') throw new CliError(text('Pakai: rekap sync … objection add|decide.', 'Use: rekap sync … objection add|decide.'));
  if ((sub === 'decide') !== (id !== undefined)) throw new CliError(text('Pakai: objection add … atau objection decide <id> ….', 'Use: objection add … or objection decide <id> ….'));
  const stateDir = stringOption(parsed, 'state');
  if (!stateDir) throw new CliError(text('"rekap sync" memerlukan --state <folder>.', '"rekap sync" needs --state <folder>.'));
  const store = await openState(stateDir);
  try {
    const enrolment = await ensureEnrolled(store, TRANSPORT, enrolOptions(parsed));
    const setup = await store.setup();
    if (!setup) throw new CliError(text('Folder status tidak memiliki setup; daftar ulang.', 'The state folder has no setup; enrol again.'));
    const name = stringOption(parsed, 'name') ?? enrolment.deviceName;
    const args = Object.fromEntries(Object.keys(OBJECTION_OPTIONS).map((k) => [k, stringOption(parsed, k)]));
    const objection = sub === 'add' ? await addObjection(store, enrolment, setup, name, args) : await decideObjection(store, enrolment, setup, name, id!, args);
    const report = emptyPushReport();
    let failure: LocalizedText | null = null;
    try {
      await pushAll({ store, transport: TRANSPORT(enrolment.serverUrl, enrolment.token) }, report);
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      failure = error.failure.message;
    }
    const counts = await store.counts();
    const done = failure === null && counts.pending === 0 && counts.conflicts === 0;
    if (parsed.values.json) writeJson(io, { action: `objection ${sub}`, id: objection.id, ...report, pending: counts.pending, error: failure?.[lang] ?? null, done });
    else io.out(`${objection.id}\n${pushSummary(lang, 1, report, counts.pending, (await store.conflicts()).map((c) => c.key))}`);
    if (failure) io.err(`${(lang === 'id' ? `Terhenti: ${failure.id} Jalankan lagi untuk melanjutkan.` : `Stopped: ${failure.en} Run again to resume.`)}\n`);
    return done ? EXIT.ok : EXIT.findings;
  } catch (error) {
    throw inWords(error);
  } finally {
    await store.close();
  }
}

const OBJECTION_OPTIONS = {
  tps: { type: 'string' },
  desa: { type: 'string' },
  contest: { type: 'string' },
  text: { type: 'string' },
  kind: { type: 'string' },
  of: { type: 'string' },
  decision: { type: 'string' },
} as const;

const TRANSPORT: TransportFor = (serverUrl, token) => httpTransport({ serverUrl, token });

/** --server, --code and --name: what enrolling needs the first time (the state keeps it after). */
function enrolOptions(parsed: ReturnType<typeof parseCommandArgs>) {
  return { server: stringOption(parsed, 'server'), code: stringOption(parsed, 'code'), name: stringOption(parsed, 'name') ?? `rekap-cli@${hostname()}` };
}

/** A row of the state found damaged mid-way (read through its schema) is said in words, not as a crash. */
function inWords(error: unknown): unknown {
  return error instanceof StateError ? new CliError(error.text) : error;
}

async function openState(dir: string): Promise<SqliteSyncStore> {
  try {
    return await SqliteSyncStore.open(dir);
  } catch (error) {
    if (error instanceof StateError) throw new CliError(error.text);
    const code = (error as { code?: string }).code;
    if (code) throw new CliError(text(`Folder status ${dir} tidak dapat dipakai (${code}).`, `State folder ${dir} cannot be used (${code}).`));
    throw error;
  }
}

async function ensureEnrolled(store: SqliteSyncStore, transportFor: TransportFor, opts: { server: string | undefined; code: string | undefined; name: string }): Promise<Enrolment> {
  const current = await store.transaction((tx) => tx.getMeta('enrolment'));
  if (current) {
    if (opts.server && normaliseServerUrl(opts.server) !== current.serverUrl) {
      throw new CliError(text(`Folder status ini terdaftar di ${current.serverUrl}, bukan ${opts.server}.`, `This state folder is enrolled with ${current.serverUrl}, not ${opts.server}.`));
    }
    return current;
  }
  if (!opts.server || !opts.code) {
    throw new CliError(text('Belum terdaftar: berikan --server <url> dan --code <kode pendaftaran>.', 'Not enrolled yet: give --server <url> and --code <enrolment code>.'));
  }
  const result = await enrol(store, transportFor, { serverUrl: opts.server, code: opts.code, deviceName: opts.name, actor: opts.name });
  if (!result.ok) throw new CliError(text(`Pendaftaran gagal: ${result.error.id}`, `Enrolment failed: ${result.error.en}`), EXIT.findings);
  return result.value;
}

const n = (value: number, lang: Language) => formatNumber(value, lang);

function listKeys(keys: readonly string[]): string {
  return keys.length <= 10 ? keys.join(', ') : `${keys.slice(0, 10).join(', ')}, … (+${keys.length - 10})`;
}

function pushSummary(lang: Language, queued: number, r: PushReport, pending: number, conflicts: readonly string[]): string {
  const lines =
    lang === 'id'
      ? [`${n(queued, lang)} tally baru/berubah masuk antrean; ${n(r.sent, lang)} op dikirim, ${n(r.acknowledged, lang)} diterima server; ${n(pending, lang)} belum diterima.`]
      : [`${n(queued, lang)} new/changed tallies queued; ${n(r.sent, lang)} ops sent, ${n(r.acknowledged, lang)} acknowledged; ${n(pending, lang)} not acknowledged.`];
  if (conflicts.length > 0) lines.push(lang === 'id' ? `Konflik (${n(conflicts.length, lang)}): ${listKeys(conflicts)}` : `Conflicts (${n(conflicts.length, lang)}): ${listKeys(conflicts)}`);
  for (const f of r.failed) lines.push(`${f.status === 'locked' ? (lang === 'id' ? 'Terkunci' : 'Locked') : lang === 'id' ? 'Ditolak' : 'Rejected'}: ${f.key}: ${f.reason[lang]}`);
  return `${lines.join('\n')}\n`;
}

function pullSummary(lang: Language, r: PullReport, count: number, output: string, conflicts: readonly string[]): string {
  const lines =
    lang === 'id'
      ? [`${n(r.applied, lang)} perubahan dari server diterapkan (sampai seq ${r.checkpoint}); ${n(count, lang)} tally ditulis ke ${output}.`]
      : [`${n(r.applied, lang)} server changes applied (up to seq ${r.checkpoint}); ${n(count, lang)} tallies written to ${output}.`];
  if (conflicts.length > 0) lines.push(lang === 'id' ? `Konflik (${n(conflicts.length, lang)}): ${listKeys(conflicts)}` : `Conflicts (${n(conflicts.length, lang)}): ${listKeys(conflicts)}`);
  // Not what their device signed (src/sync/pullProofs.ts): not stored, and worth a person's attention.
  for (const refused of r.refused) {
    lines.push(lang === 'id' ? `DITOLAK: ${refused.key} versi ${refused.version} (seq ${refused.seq}): ${refused.why.id}` : `REFUSED: ${refused.key} version ${refused.version} (seq ${refused.seq}): ${refused.why.en}`);
  }
  return `${lines.join('\n')}\n`;
}

