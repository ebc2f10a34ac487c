import { photoWriteRefusal } from '../../domain/photos/access.ts';
import type { Op, ServerRecord } from '../../api/index.ts';
import { desaOfTps, type DesaCode } from '../../domain/codes/codes.ts';
import { err, ok, type Result } from '../../domain/common/result.ts';
import { desaFinalisation, finalisationKey, kecamatanFinalisation } from '../../domain/finalisation/index.ts';
import type { Objection } from '../../domain/objections/schema.ts';
import { findContest } from '../../domain/setup/lookup.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import type { Tally } from '../../domain/tally/tally.ts';
import { checksOf } from './checks.ts';
import {
  checkFinalisationChange,
  checkObjectionChange,
  checkTallyChange,
  tallyFacts,
  type Actor,
  type Refusal,
} from '../../domain/workflow/index.ts';

/**
 * What the server holds while it decides one push: the records read for it, updated by the ops of
 * the push applied so far (a later op sees what an earlier one did, as on the device).
 */
export interface RecordView {
  get(key: string): ServerRecord | null;
  /** Every record held whose key matches (a LIKE pattern's meaning: tallies of a desa × contest). */
  all(): Iterable<ServerRecord>;
}

export function objectionsIn(view: RecordView): Objection[] {
  const out: Objection[] = [];
  for (const r of view.all()) if (r.kind === 'objection') out.push(r.record);
  return out;
}

export function isDesaFinal(view: RecordView, desa: DesaCode, contest: string): boolean {
  const row = view.get(`${desa}:${contest}`);
  return row?.kind === 'finalisation' && row.record.state === 'final';
}

/**
 * The workflow's verdict on one op whose base matches the stored version (docs/domain.md): the
 * change from the stored record to the pushed one must be steps the actor may take. The same
 * domain functions decide on the device before anything is written.
 */
export function checkOp(op: Op, before: ServerRecord | null, actor: Actor, setup: Setup, view: RecordView): Result<void, Refusal> {
  switch (op.kind) {
    case 'tally': {
      const prior = before?.kind === 'tally' ? before.record : null;
      const contest = findContest(setup, op.record.contest);
      const checked = checkTallyChange({
        before: prior,
        after: op.record,
        actor,
        facts: tallyFacts(op.record, contest, objectionsIn(view), checksOf(op.record, contest)),
        reason: op.reason,
        desaFinal: isDesaFinal(view, desaOfTps(op.record.tps), op.record.contest),
      });
      return checked.ok ? ok(undefined) : checked;
    }
    case 'objection': {
      const checked = checkObjectionChange(before?.kind === 'objection' ? before.record : null, op.record, actor);
      return checked.ok ? ok(undefined) : checked;
    }
    case 'finalisation': {
      const prior = before?.kind === 'finalisation' ? before.record : null;
      const checked = checkFinalisationChange(prior, op.record, actor, blockersOf(op.record, setup, view));
      return checked.ok ? ok(undefined) : checked;
    }
    case 'photos': {
      // Who may attach photos is who may write the form (src/domain/photos/access.ts).
      const refused = photoWriteRefusal(actor, op.record.tps, isDesaFinal(view, desaOfTps(op.record.tps), op.record.contest));
      return refused ? err(refused) : ok(undefined);
    }
  }
}

/** How many things keep the area × contest from being final, judged on the records held now. */
function blockersOf(record: { desa: string; contest: Tally['contest']; level: 'desa' | 'kecamatan'; state: string }, setup: Setup, view: RecordView): number {
  if (record.state !== 'final') return 0;
  if (record.level === 'kecamatan') {
    const finalDesa = new Set(setup.desa.filter((d) => isDesaFinal(view, d.code, record.contest)).map((d) => d.code));
    const verdict = kecamatanFinalisation(setup, finalDesa);
    return verdict.ok ? 0 : verdict.error.length;
  }
  const tallies: Tally[] = [];
  for (const r of view.all()) if (r.kind === 'tally' && r.record.contest === record.contest && desaOfTps(r.record.tps) === record.desa) tallies.push(r.record);
  const verdict = desaFinalisation({ setup, desa: record.desa as DesaCode, contest: record.contest, tallies, objections: objectionsIn(view) });
  if (!verdict.ok) return verdict.error.length;
  // A finalised desa has every form final on the server (docs/sync.md): the chair's device sends
  // them final before the finalisation (finaliseDesa). A form the server holds in another version
  // (a newer one from another device, the chair's op answered `conflict`) keeps the desa open.
  return tallies.filter((t) => t.status !== 'final').length;
}

/** The keys (and LIKE patterns) a push needs besides its own: finalisations over its forms, its areas' forms. */
export function viewNeeds(ops: readonly Op[], setup: Setup): { keys: Set<string>; patterns: Set<string> } {
  const keys = new Set<string>();
  const patterns = new Set<string>(['objection:%']);
  for (const op of ops) {
    keys.add(op.key);
    // A form's figures and its photos are locked by its desa's finalisation.
    if (op.kind === 'tally' || op.kind === 'photos') keys.add(finalisationKey(desaOfTps(op.record.tps), op.record.contest));
    if (op.kind === 'finalisation') {
      if (op.record.level === 'desa') patterns.add(`${op.record.desa}___:${op.record.contest}`);
      else for (const d of setup.desa) keys.add(finalisationKey(d.code, op.record.contest));
    }
  }
  return { keys, patterns };
}
