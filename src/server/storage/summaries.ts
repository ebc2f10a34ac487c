import type { Kysely } from 'kysely';
import { z } from 'zod';
import { KecamatanCodeSchema } from '../../domain/codes/codes.ts';
import { err, ok, type Result } from '../../domain/common/result.ts';
import { BallotSchema, planImport, type ActiveSlot, type AdmissionFailure, type KecamatanContestTotals } from '../../domain/kabupaten/index.ts';
import { FiguresSchema } from '../../domain/summary/schema.ts';
import { ContestIdSchema } from '../../domain/tally/contest.ts';
import { audit, lockKecamatan } from './writeTx.ts';
import type { Database } from './schema.ts';
import type { NewSummaryImport, StoredSummaryImport, SummaryImportOutcome } from './types.ts';

/**
 * The kabupaten level's tables (migration 0002_kabupaten_summaries), behind Storage's
 * importSummary / summaryImports / countedSummaries. The decision whether a file may take a
 * kecamatan × contest (planImport) is made inside the transaction, under the kecamatan's lock, so
 * two importers racing for one slot cannot both win.
 */
export async function importSummary(db: Kysely<Database>, input: NewSummaryImport): Promise<Result<SummaryImportOutcome, AdmissionFailure[]>> {
  const { admitted, importedAt, importedBy } = input;
  const kecamatan = admitted.kecamatan.code;
  return db.transaction().execute(async (trx): Promise<Result<SummaryImportOutcome, AdmissionFailure[]>> => {
    await lockKecamatan(trx, kecamatan);
    const counted = await trx
      .selectFrom('summary_slots')
      .select(['kecamatan', 'contest', 'hash', 'counted_at'])
      .where('kecamatan', '=', kecamatan)
      .where('replaced_at', 'is', null)
      .execute();
    const active: ActiveSlot[] = counted.map((r) => ({ kecamatan: r.kecamatan, contest: ContestIdSchema.parse(r.contest), hash: r.hash, importedAt: r.counted_at }));
    const plan = planImport(active, admitted, input.replace);
    if (!plan.ok) return err(plan.error);
    if (plan.value.kind === 'unchanged') return ok({ status: 'unchanged', replaced: [] });

    for (const slot of plan.value.replaces) {
      await trx
        .updateTable('summary_slots')
        .set({ replaced_at: importedAt, replaced_by: admitted.hash })
        .where('kecamatan', '=', slot.kecamatan)
        .where('contest', '=', slot.contest)
        .where('hash', '=', slot.hash)
        .execute();
      await audit(trx, kecamatan, { at: importedAt, action: 'summary-replaced', deviceId: importedBy === 'admin' ? null : importedBy, actor: importedBy, hash: slot.hash, key: slot.contest, detail: JSON.stringify({ by: admitted.hash }) });
    }
    await trx
      .insertInto('summary_imports')
      .values({
        kecamatan,
        hash: admitted.hash,
        kabupaten: admitted.kabupaten.code,
        kecamatan_name: admitted.kecamatan.name,
        file: input.file,
        contests: JSON.stringify(admitted.contests.map((c) => c.contest)),
        signer_name: admitted.signer.name,
        signer_fingerprint: admitted.signer.fingerprint,
        server_fingerprint: admitted.serverFingerprint,
        created_at: admitted.createdAt,
        imported_at: importedAt,
        imported_by: importedBy,
      })
      // The same file imported before and replaced since: it keeps its first import record.
      .onConflict((oc) => oc.columns(['kecamatan', 'hash']).doNothing())
      .execute();
    const mine = new Set(active.filter((a) => a.hash === admitted.hash).map((a) => a.contest));
    for (const c of admitted.contests) {
      if (mine.has(c.contest)) continue;
      await trx
        .insertInto('summary_slots')
        .values({
          kecamatan,
          contest: c.contest,
          hash: admitted.hash,
          kabupaten: admitted.kabupaten.code,
          kecamatan_name: c.kecamatanName,
          ballot_key: c.ballotKey,
          ballot: JSON.stringify(c.ballot),
          tps_included: c.tpsIncluded,
          figures: JSON.stringify(c.figures),
          counted_at: importedAt,
          replaced_at: null,
          replaced_by: null,
        })
        .onConflict((oc) => oc.columns(['kecamatan', 'contest', 'hash']).doUpdateSet({ counted_at: importedAt, replaced_at: null, replaced_by: null }))
        .execute();
    }
    const detail = JSON.stringify({ contests: admitted.contests.map((c) => c.contest), signer: admitted.signer.fingerprint, replaced: plan.value.replaces.map((r) => r.hash) });
    await audit(trx, kecamatan, { at: importedAt, action: 'summary-imported', deviceId: importedBy === 'admin' ? null : importedBy, actor: importedBy, hash: admitted.hash, detail });
    return ok({ status: 'imported', replaced: plan.value.replaces });
  });
}

const ContestListSchema = z.array(ContestIdSchema);

export async function summaryImports(db: Kysely<Database>, kabupaten: string): Promise<StoredSummaryImport[]> {
  const rows = await db
    .selectFrom('summary_imports')
    .select(['kecamatan', 'hash', 'kabupaten', 'kecamatan_name', 'contests', 'signer_name', 'signer_fingerprint', 'server_fingerprint', 'created_at', 'imported_at', 'imported_by'])
    .where('kabupaten', '=', kabupaten)
    .orderBy('imported_at', 'desc')
    .orderBy('kecamatan')
    .orderBy('hash')
    .execute();
  const slots = await db
    .selectFrom('summary_slots')
    .select(['kecamatan', 'contest', 'hash', 'replaced_at', 'replaced_by'])
    .where('kabupaten', '=', kabupaten)
    .execute();
  return rows.map((r) => {
    const contests = ContestListSchema.parse(JSON.parse(r.contests));
    return {
      hash: r.hash,
      kabupaten: r.kabupaten,
      kecamatan: { code: r.kecamatan, name: r.kecamatan_name },
      contests,
      signerName: r.signer_name,
      fingerprint: r.signer_fingerprint,
      serverFingerprint: r.server_fingerprint,
      createdAt: r.created_at,
      importedAt: r.imported_at,
      importedBy: r.imported_by,
      slots: contests.map((contest) => {
        const slot = slots.find((s) => s.kecamatan === r.kecamatan && s.hash === r.hash && s.contest === contest);
        return { contest, counted: slot !== undefined && slot.replaced_at === null, replacedAt: slot?.replaced_at ?? null, replacedBy: slot?.replaced_by ?? null };
      }),
    };
  });
}

export async function countedSummaries(db: Kysely<Database>, kabupaten: string): Promise<KecamatanContestTotals[]> {
  const rows = await db
    .selectFrom('summary_slots')
    .selectAll()
    .where('kabupaten', '=', kabupaten)
    .where('replaced_at', 'is', null)
    .orderBy('kecamatan')
    .orderBy('contest')
    .execute();
  return rows.map((r) => ({
    kecamatan: KecamatanCodeSchema.parse(r.kecamatan),
    kecamatanName: r.kecamatan_name,
    contest: ContestIdSchema.parse(r.contest),
    ballot: BallotSchema.parse(JSON.parse(r.ballot)),
    ballotKey: r.ballot_key,
    tpsIncluded: r.tps_included,
    figures: FiguresSchema.parse(JSON.parse(r.figures)),
    hash: r.hash,
  }));
}
