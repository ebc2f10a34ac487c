import { dirname, join } from 'node:path';
import { getBlob, putBlob, type BlobInput, type PutBlobResult, type StoredBlob } from './blobs.ts';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { ChangeSchema, ServerRecordSchema, type Change, type OpResult, type ServerRecord } from '../../api/index.ts';
import { RoleSchema } from '../../api/roles.ts';
import { KecamatanCodeSchema } from '../../domain/codes/codes.ts';
import { err, ok, type Result } from '../../domain/common/result.ts';
import { PublicKeyJwkSchema } from '../../domain/crypto/keys.ts';
import { SetupSchema, type Setup } from '../../domain/setup/schema.ts';
import { TallySchema } from '../../domain/tally/tally.ts';
import type { AdmissionFailure, KecamatanContestTotals } from '../../domain/kabupaten/index.ts';
import type { Database, DeviceTable } from './schema.ts';
import { applyBatch } from './applyBatch.ts';
import * as summaries from './summaries.ts';
import * as auditChain from './auditChain.ts';
import * as signedRequests from './signedRequests.ts';
import * as auditCheckpoints from './auditCheckpoints.ts';
import { audit, lockKecamatan } from './writeTx.ts';
import { tallyStatuses, type TallyStatusRow } from './tallyStatuses.ts';
import { resealServerKey, serverKeyRow } from './serverKeyRow.ts';
import { appliedOpProofs, changeProofs, deviceAttestations, keepAttestation, storedRecordTexts, type ChangeOpProof, type OpProof, type StoredBatch, type StoredRecordText } from './provenance.ts';
import type { AuditRecordKind, ChainHead, SignedCheckpoint } from '../../domain/audit/index.ts';
import type {
  AppendChainInput,
  AppendChainResult,
  StoredChainEntry,
  ApplyOpInput,
  ChangeText,
  PushBatch,
  SeenSignedRequest,
  AuditEntry,
  Device,
  EnrolFailure,
  EnrolInput,
  KecamatanInfo,
  KecamatanSummary,
  NewEnrolCode,
  NewSummaryImport,
  Storage,
  StoredConflict,
  StoredServerKey,
  StoredSummaryImport,
  SummaryImportOutcome,
} from './types.ts';

type Db = Kysely<Database> | Transaction<Database>;

const AuditActionSchema = z.enum(['kecamatan-created', 'code-issued', 'enrolled', 'revoked', 'applied', 'conflict', 'locked', 'refused', 'summary-imported', 'summary-replaced']);

/**
 * The one Storage implementation, over any Kysely dialect whose SQL both SQLite and PostgreSQL
 * accept (ON CONFLICT, RETURNING). Writers of a kecamatan are serialised by updating its row first
 * in every write transaction: PostgreSQL holds that row lock until commit and SQLite takes its
 * write lock, so change-feed sequence numbers are committed in order and never skipped.
 */
export class KyselyStorage implements Storage {
  private readonly kecamatanCache = new Map<string, KecamatanInfo>();

  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
    readonly location: string,
  ) {}

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** SQLite: photo blobs are files beside the database (DATA_DIR/blobs); PostgreSQL: in `blobs.data`. */
  private get blobDir(): string | null {
    return this.dialect === 'sqlite' ? join(dirname(this.location), 'blobs') : null;
  }

  putBlob(input: BlobInput): Promise<PutBlobResult> {
    return putBlob(this.db, this.blobDir, input);
  }

  blob(kecamatan: string, sha256: string): Promise<StoredBlob | null> {
    return getBlob(this.db, this.blobDir, kecamatan, sha256);
  }

  serverKey(create: () => Promise<StoredServerKey>): Promise<StoredServerKey> {
    return serverKeyRow(this.db, create);
  }

  resealServerKey(expected: string, replacement: string): Promise<boolean> {
    return resealServerKey(this.db, expected, replacement);
  }

  rememberSignedRequest(seen: SeenSignedRequest): Promise<boolean> {
    return signedRequests.rememberSignedRequest(this.db, seen);
  }

  async createKecamatan(setup: Setup, setupHash: string, at: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('kecamatan')
        .values({ code: setup.kecamatan.code, name: setup.kecamatan.name, last_seq: 0, last_audit: 0, created_at: at })
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('code')
        .executeTakeFirst();
      if (!inserted) return false;
      await trx.insertInto('setups').values({ kecamatan: setup.kecamatan.code, setup: JSON.stringify(setup), setup_hash: setupHash }).execute();
      await audit(trx, setup.kecamatan.code, { at, action: 'kecamatan-created', hash: setupHash, detail: setup.kecamatan.name });
      return true;
    });
  }

  async kecamatan(code: string): Promise<KecamatanInfo | null> {
    // A kecamatan's setup never changes once created, so every process may keep it parsed.
    const cached = this.kecamatanCache.get(code);
    if (cached) return cached;
    const row = await this.db
      .selectFrom('kecamatan')
      .innerJoin('setups', 'setups.kecamatan', 'kecamatan.code')
      .select(['kecamatan.code', 'kecamatan.name', 'kecamatan.created_at', 'setups.setup', 'setups.setup_hash'])
      .where('kecamatan.code', '=', code)
      .executeTakeFirst();
    if (!row) return null;
    const info: KecamatanInfo = {
      code: KecamatanCodeSchema.parse(row.code),
      name: row.name,
      createdAt: row.created_at,
      setup: SetupSchema.parse(JSON.parse(row.setup)),
      setupHash: row.setup_hash,
    };
    this.kecamatanCache.set(code, info);
    return info;
  }

  async listKecamatan(): Promise<KecamatanSummary[]> {
    const rows = await this.db.selectFrom('kecamatan').select(['code', 'name', 'created_at']).orderBy('code').execute();
    return rows.map((r) => ({ code: KecamatanCodeSchema.parse(r.code), name: r.name, createdAt: r.created_at }));
  }

  async insertCode(code: NewEnrolCode): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('enrol_codes')
        .values({
          code_hash: code.codeHash,
          kecamatan: code.kecamatan,
          role: code.role,
          panel: code.panel,
          created_at: code.createdAt,
          expires_at: code.expiresAt,
          created_by: code.createdBy,
          used_at: null,
          used_by: null,
        })
        .execute();
      const detail = JSON.stringify({ role: code.role, panel: code.panel, expiresAt: code.expiresAt });
      await audit(trx, code.kecamatan, { at: code.createdAt, action: 'code-issued', deviceId: code.createdBy, detail });
    });
  }

  async enrol(input: EnrolInput): Promise<Result<Device, EnrolFailure>> {
    const found = await this.db.selectFrom('enrol_codes').select(['kecamatan']).where('code_hash', '=', input.codeHash).executeTakeFirst();
    if (!found) return err('unknown-code');
    return this.db.transaction().execute(async (trx): Promise<Result<Device, EnrolFailure>> => {
      // Lock first, then read: two devices racing for one code cannot both win, and SQLite never
      // has to upgrade a read transaction to a write one.
      await lockKecamatan(trx, found.kecamatan);
      const code = await trx.selectFrom('enrol_codes').selectAll().where('code_hash', '=', input.codeHash).executeTakeFirstOrThrow();
      if (code.used_at !== null) return err('used-code');
      if (code.expires_at <= input.now) return err('expired-code');
      const row: DeviceTable = {
        id: input.device.id,
        kecamatan: code.kecamatan,
        name: input.device.name,
        role: code.role,
        panel: code.panel,
        public_key: JSON.stringify(input.device.publicKey),
        key_hash: input.device.keyHash,
        token_hash: input.device.tokenHash,
        enrolled_at: input.now,
        revoked_at: null,
        attestation: null,
      };
      await trx.insertInto('devices').values(row).execute();
      await trx.updateTable('enrol_codes').set({ used_at: input.now, used_by: input.device.id }).where('code_hash', '=', input.codeHash).execute();
      const detail = JSON.stringify({ name: row.name, role: row.role, panel: row.panel, keyHash: row.key_hash });
      await audit(trx, code.kecamatan, { at: input.now, action: 'enrolled', deviceId: row.id, detail });
      return ok(toDevice(row));
    });
  }

  async deviceByTokenHash(tokenHash: string): Promise<Device | null> {
    const row = await this.db.selectFrom('devices').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? toDevice(row) : null;
  }

  async device(id: string): Promise<Device | null> {
    const row = await this.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toDevice(row) : null;
  }

  async listDevices(kecamatan: string | null): Promise<Device[]> {
    let query = this.db.selectFrom('devices').selectAll();
    if (kecamatan !== null) query = query.where('kecamatan', '=', kecamatan);
    const rows = await query.orderBy('kecamatan').orderBy('enrolled_at').orderBy('id').execute();
    return rows.map(toDevice);
  }

  async revokeDevice(id: string, at: string, by: string): Promise<Device | null> {
    const found = await this.db.selectFrom('devices').select(['kecamatan']).where('id', '=', id).executeTakeFirst();
    if (!found) return null;
    return this.db.transaction().execute(async (trx) => {
      await lockKecamatan(trx, found.kecamatan);
      const row = await trx.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      if (row.revoked_at !== null) return toDevice(row);
      await trx.updateTable('devices').set({ revoked_at: at }).where('id', '=', id).execute();
      await audit(trx, row.kecamatan, { at, action: 'revoked', deviceId: id, detail: JSON.stringify({ by }) });
      return toDevice({ ...row, revoked_at: at });
    });
  }

  async applyOps(kecamatan: string, inputs: readonly ApplyOpInput[], batch: PushBatch | null = null): Promise<OpResult[]> {
    if (inputs.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      await lockKecamatan(trx, kecamatan);
      return applyBatch(trx, kecamatan, inputs, batch);
    });
  }
  async record(kecamatan: string, key: string): Promise<ServerRecord | null> {
    return readRecord(this.db, kecamatan, key);
  }

  async changes(kecamatan: string, since: number, limit: number): Promise<{ changes: Change[]; more: boolean }> {
    const rows = await this.db
      .selectFrom('changes')
      .selectAll()
      .where('kecamatan', '=', kecamatan)
      .where('seq', '>', since)
      .orderBy('seq')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const changes = page.map((r) =>
      ChangeSchema.parse({ key: r.key, version: r.version, record: JSON.parse(r.record), hash: r.hash, deviceId: r.device_id, actor: r.actor, at: r.at, seq: r.seq }),
    );
    return { changes, more: rows.length > limit };
  }

  async changeTexts(kecamatan: string, since: number, limit: number): Promise<{ changes: ChangeText[]; more: boolean }> {
    const rows = await this.db
      .selectFrom('changes')
      .select(['key', 'version', 'record', 'hash', 'device_id', 'actor', 'at', 'seq'])
      .where('kecamatan', '=', kecamatan)
      .where('seq', '>', since)
      .orderBy('seq')
      .limit(limit + 1)
      .execute();
    const changes = rows.slice(0, limit).map((r) => ({ key: r.key, version: Number(r.version), record: r.record, hash: r.hash, deviceId: r.device_id, actor: r.actor, at: r.at, seq: Number(r.seq) }));
    return { changes, more: rows.length > limit };
  }

  async lastSeq(kecamatan: string): Promise<number> {
    const row = await this.db.selectFrom('kecamatan').select('last_seq').where('code', '=', kecamatan).executeTakeFirst();
    return row?.last_seq ?? 0;
  }

  async conflicts(kecamatan: string): Promise<StoredConflict[]> {
    const rows = await this.db.selectFrom('conflicts').selectAll().where('kecamatan', '=', kecamatan).orderBy('received_at').orderBy('op_id').execute();
    return rows.map((r) => ({
      opId: r.op_id,
      key: r.key,
      baseVersion: r.base_version,
      serverVersion: r.server_version,
      record: TallySchema.parse(JSON.parse(r.record)),
      hash: r.hash,
      deviceId: r.device_id,
      actor: r.actor,
      at: r.at,
      reason: r.reason,
      receivedAt: r.received_at,
    }));
  }

  async audit(kecamatan: string): Promise<AuditEntry[]> {
    const rows = await this.db.selectFrom('audit').selectAll().where('kecamatan', '=', kecamatan).orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: AuditActionSchema.parse(r.action),
      deviceId: r.device_id,
      actor: r.actor,
      key: r.key,
      opId: r.op_id,
      version: r.version,
      hash: r.hash,
      detail: r.detail,
    }));
  }

  importSummary(input: NewSummaryImport): Promise<Result<SummaryImportOutcome, AdmissionFailure[]>> {
    return summaries.importSummary(this.db, input);
  }

  summaryImports(kabupaten: string): Promise<StoredSummaryImport[]> {
    return summaries.summaryImports(this.db, kabupaten);
  }

  countedSummaries(kabupaten: string): Promise<KecamatanContestTotals[]> {
    return summaries.countedSummaries(this.db, kabupaten);
  }

  chainHead(kecamatan: string, keyHash: string): Promise<ChainHead | null> {
    return auditChain.chainHead(this.db, kecamatan, keyHash);
  }

  chainHashes(kecamatan: string, keyHash: string, from: number, to: number): Promise<Map<number, string>> {
    return auditChain.chainHashes(this.db, kecamatan, keyHash, from, to);
  }

  recentChainEntries(kecamatan: string, prefix: string | null, limit: number): Promise<{ items: StoredChainEntry[]; more: boolean }> {
    return auditChain.recentEntries(this.db, kecamatan, prefix, limit);
  }

  storedChains(kecamatan: string): Promise<{ keyHash: string; entries: unknown[] }[]> {
    return auditChain.storedChains(this.db, kecamatan);
  }

  chainHasHash(kecamatan: string, keyHash: string, hash: string): Promise<boolean> {
    return auditChain.chainHasHash(this.db, kecamatan, keyHash, hash);
  }

  appendChain(kecamatan: string, input: AppendChainInput): Promise<AppendChainResult> {
    return auditChain.appendChain(this.db, kecamatan, input);
  }

  chainEntriesOf(kecamatan: string, recordKey: string, kind: AuditRecordKind | undefined, limit: number): Promise<{ items: StoredChainEntry[]; more: boolean }> {
    return auditChain.entriesOfRecord(this.db, kecamatan, recordKey, kind, limit);
  }

  rolesOfKey(kecamatan: string, keyHash: string): Promise<Set<string>> {
    return auditChain.rolesOfKey(this.db, kecamatan, keyHash);
  }

  latestCheckpoint(kecamatan: string, keyHash: string | null): Promise<SignedCheckpoint | null> {
    return auditCheckpoints.latestCheckpoint(this.db, kecamatan, keyHash);
  }

  storedCheckpoints(kecamatan: string): Promise<auditCheckpoints.StoredCheckpointRow[]> {
    return auditCheckpoints.storedCheckpoints(this.db, kecamatan);
  }

  storedChainRows(kecamatan: string): Promise<auditChain.StoredChainRow[]> {
    return auditChain.storedChainRows(this.db, kecamatan);
  }

  appliedOpProofs(kecamatan: string): Promise<OpProof[]> {
    return appliedOpProofs(this.db, kecamatan);
  }

  storedRecordTexts(kecamatan: string): Promise<StoredRecordText[]> {
    return storedRecordTexts(this.db, kecamatan);
  }

  tallyStatuses(kecamatan: string): Promise<TallyStatusRow[]> {
    return tallyStatuses(this.db, this.dialect, kecamatan);
  }

  changeProofs(kecamatan: string, seqs: readonly number[]): Promise<{ ops: Map<number, ChangeOpProof>; batches: StoredBatch[] }> {
    return changeProofs(this.db, kecamatan, seqs);
  }

  deviceAttestations(kecamatan: string, ids: readonly string[]): Promise<Map<string, string | null>> {
    return deviceAttestations(this.db, kecamatan, ids);
  }

  keepAttestation(deviceId: string, attestation: string): Promise<void> {
    return keepAttestation(this.db, deviceId, attestation);
  }
}

async function readRecord(db: Db, kecamatan: string, key: string): Promise<ServerRecord | null> {
  const row = await db.selectFrom('records').selectAll().where('kecamatan', '=', kecamatan).where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  return ServerRecordSchema.parse({ key: row.key, version: row.version, record: JSON.parse(row.record), hash: row.hash, deviceId: row.device_id, actor: row.actor, at: row.at });
}

function toDevice(row: DeviceTable): Device {
  return {
    id: row.id,
    kecamatan: KecamatanCodeSchema.parse(row.kecamatan),
    name: row.name,
    role: RoleSchema.parse(row.role),
    panel: row.panel,
    publicKey: PublicKeyJwkSchema.parse(JSON.parse(row.public_key)),
    keyHash: row.key_hash,
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
  };
}
