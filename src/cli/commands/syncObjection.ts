import { randomUUID } from 'node:crypto';
import { objectionKey } from '../../api/index.ts';
import { DesaCodeSchema, TpsCodeSchema } from '../../domain/codes/codes.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { DECISION_OUTCOMES, validateObjection, type Objection, type ObjectionScope, type RaisedBy, type WitnessOf } from '../../domain/objections/index.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import { CONTEST_IDS, type ContestId } from '../../domain/tally/contest.ts';
import { actorFor, checkObjectionChange, recordLabel, refusalText } from '../../domain/workflow/index.ts';
import { writeLocalRecord } from '../../sync/localWrite.ts';
import type { SqliteSyncStore } from '../../sync/node/sqliteStore.ts';
import type { Enrolment } from '../../sync/store.ts';
import { CliError, EXIT } from '../errors.ts';

/** What `rekap sync … objection add|decide` was given. */
export interface ObjectionArgs {
  tps?: string;
  desa?: string;
  contest?: string;
  text?: string;
  kind?: string;
  of?: string;
  decision?: string;
}

function scopeOf(args: ObjectionArgs, setup: Setup): ObjectionScope {
  if (args.tps && args.desa) throw new CliError(text('Pakai --tps atau --desa, tidak keduanya.', 'Use --tps or --desa, not both.'));
  if (args.tps) {
    const tps = TpsCodeSchema.safeParse(args.tps);
    if (!tps.success) throw new CliError(text(`--tps ${args.tps}: kode TPS 13 angka.`, `--tps ${args.tps}: a 13-digit TPS code.`));
    return { level: 'tps', tps: tps.data };
  }
  if (args.desa) {
    const desa = DesaCodeSchema.safeParse(args.desa);
    if (!desa.success) throw new CliError(text(`--desa ${args.desa}: kode desa 10 angka.`, `--desa ${args.desa}: a 10-digit desa code.`));
    return { level: 'desa', desa: desa.data };
  }
  void setup;
  return { level: 'kecamatan' };
}

function contestOf(raw: string | undefined): ContestId | null {
  if (raw === undefined || raw === 'all') return null;
  if (!(CONTEST_IDS as readonly string[]).includes(raw)) {
    throw new CliError(text(`--contest ${raw}: salah satu dari ${CONTEST_IDS.join(', ')} atau all.`, `--contest ${raw}: one of ${CONTEST_IDS.join(', ')} or all.`));
  }
  return raw as ContestId;
}

/** A witness speaks for a pair, party or DPD candidate (`--of party:3`); without it the filer is named. */
function raisedByOf(enrolment: Enrolment, name: string, of: string | undefined): RaisedBy {
  switch (enrolment.role) {
    case 'witness': {
      const m = of ? /^(pair|party|candidate):(\d{1,3})$/.exec(of) : null;
      if (of && !m) throw new CliError(text(`--of ${of}: pair:<no>, party:<no> atau candidate:<no>.`, `--of ${of}: pair:<no>, party:<no> or candidate:<no>.`));
      return m ? { role: 'witness', of: { kind: m[1], number: Number(m[2]) } as WitnessOf, name } : { role: 'other', name: `${name} (saksi)` };
    }
    case 'panwas':
      return { role: 'panwascam', name };
    case 'chair':
    case 'clerk':
      return { role: 'ppk-member', name };
  }
}

const refused = (message: LocalizedText) => new CliError(message, EXIT.findings);

/** Files an objection or special event as a local write with its op (pushed by the caller). */
export async function addObjection(store: SqliteSyncStore, enrolment: Enrolment, setup: Setup, name: string, args: ObjectionArgs): Promise<Objection> {
  if (!args.text?.trim()) throw new CliError(text('objection add memerlukan --text <uraian>.', 'objection add needs --text <description>.'));
  const kind = args.kind === undefined || args.kind === 'objection' ? 'objection' : args.kind === 'event' ? 'special-event' : null;
  if (!kind) throw new CliError(text(`--kind ${args.kind}: objection atau event.`, `--kind ${args.kind}: objection or event.`));
  const draft = { kind, scope: scopeOf(args, setup), contest: contestOf(args.contest), raisedBy: raisedByOf(enrolment, name, args.of), description: args.text.trim() } as const;
  const issue = validateObjection(draft, setup)[0];
  if (issue) throw new CliError(text(`${issue.path}: ${issue.message.id}`, `${issue.path}: ${issue.message.en}`));
  const objection: Objection = {
    ...draft,
    id: randomUUID(),
    recordedAt: new Date().toISOString(),
    recordedBy: name,
    decision: { status: 'pending' },
    corrections: [],
    filedBy: { name, role: enrolment.role },
  };
  await write(store, enrolment, setup, null, objection, name);
  return objection;
}

/** The chair's decision on an objection this state folder holds (pull first). */
export async function decideObjection(store: SqliteSyncStore, enrolment: Enrolment, setup: Setup, name: string, id: string, args: ObjectionArgs): Promise<Objection> {
  const outcome = args.decision;
  if (!outcome || !(DECISION_OUTCOMES as readonly string[]).includes(outcome)) {
    throw new CliError(text(`objection decide memerlukan --decision ${DECISION_OUTCOMES.join('|')}.`, `objection decide needs --decision ${DECISION_OUTCOMES.join('|')}.`));
  }
  if (!args.text?.trim()) throw new CliError(text('objection decide memerlukan --text <catatan keputusan>.', 'objection decide needs --text <decision note>.'));
  const held = await store.transaction((tx) => tx.record(objectionKey(id)));
  if (held?.kind !== 'objection') throw new CliError(text(`Keberatan ${id} tidak ada di folder status ini (jalankan pull dulu).`, `Objection ${id} is not in this state folder (run pull first).`));
  const decided: Objection = {
    ...held.record,
    decision: { status: outcome as (typeof DECISION_OUTCOMES)[number], note: args.text.trim(), by: name, at: new Date().toISOString() },
  };
  await write(store, enrolment, setup, held.record, decided, name);
  return decided;
}

/** The workflow decides on this device first (the server decides again); then record and op in one transaction. */
async function write(store: SqliteSyncStore, enrolment: Enrolment, setup: Setup, before: Objection | null, after: Objection, name: string): Promise<void> {
  const actor = actorFor(setup, enrolment.role, enrolment.panel);
  const verdict = checkObjectionChange(before, after, actor);
  const key = objectionKey(after.id);
  if (!verdict.ok) throw refused(refusalText(verdict.error, recordLabel(setup, key), actor, setup));
  const reason = after.decision.status === 'pending' ? null : after.decision.note;
  await store.transaction((tx) => writeLocalRecord(tx, { kind: 'objection', key, record: after }, name, reason));
}
