import { mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ServerRecord, SyncRecord } from '../../../src/api/index.ts';
import { canonicalJson } from '../../../src/domain/canonical/json.ts';
import { err, ok, type Result } from '../../../src/domain/common/result.ts';
import { text, type LocalizedText } from '../../../src/domain/common/text.ts';
import { zodIssuesSummary } from '../../../src/domain/errors/index.ts';
import { SetupSchema, type Setup } from '../../../src/domain/setup/schema.ts';
import { OutboxOpSchema, type ConflictRow, type KeyedRecord, type OutboxOp } from '../../../src/db/index.ts';
import { ConflictRowSchema, MetaSchemas } from '../../../src/sync/schemas.ts';
import { headSelector } from '../../../src/sync/select.ts';
import { META_DEFAULTS, type SyncCounts, type SyncMeta, type SyncStore, type SyncTx } from '../../../src/sync/store.ts';
import { syncDir, writeFileAtomic } from '../../../src/sync/node/atomic.ts';
import { loadOrCreateKeyFile } from '../../../src/sync/node/keyFile.ts';
import { keyedOf, recordSchemaOf } from '../../../src/sync/node/recordKinds.ts';
import { StateError } from '../../../src/sync/node/stateError.ts';

/**
 * TESTS ONLY: the headless client's file store as Rekap shipped it before the SQLite store
 * (src/sync/node/sqliteStore.ts), kept unchanged so that tests can write a state folder exactly as
 * an older Rekap left it and check that the new store imports it (src/sync/node/legacyMigration.ts).
 *
 * Was: the headless client's store (`rekap sync --state <dir>`): the same state as the browser's,
 * in files that survive a kill at any moment.
 *
 *   state.json        the manifest: small state (enrolment, checkpoint, versions, conflicts,
 *                     failures) and which chunk holds each record and op — the commit point
 *   chunk-<n>.json    records and ops written by transaction n (never changed afterwards)
 *   setup.json        the kecamatan's setup from enrolment
 *   device-key.json   the device key pair as JWK (mode 600). Node has no non-extractable key
 *                     storage like IndexedDB, so the private key is an extractable file: protect
 *                     the folder like a password
 *   lock              the pid of the process using the folder
 *
 * A transaction writes one new chunk with what it changed, then the manifest atomically (temp +
 * fsync + rename); a crash before the rename leaves the previous state whole, and the orphan
 * chunk is removed at the next open. So a push cut off mid-way resumes from the last commit, and
 * an op sent but not recorded as answered is simply sent again (the server answers `duplicate`).
 */

const STATE_FORMAT = 'rekap.sync-state/v1';
const MAX_CHUNKS = 32;

const ManifestSchema = z.object({
  format: z.literal(STATE_FORMAT),
  generation: z.number().int().min(0),
  nextOpId: z.number().int().min(1),
  meta: z.record(z.string(), z.unknown()),
  versions: z.record(z.string(), z.number().int().min(0)),
  conflicts: z.record(z.string(), z.unknown()),
  records: z.record(z.string(), z.number().int().min(1)),
  ops: z.record(z.string(), z.number().int().min(1)),
});
type Manifest = z.infer<typeof ManifestSchema>;

const ChunkSchema = z.object({ records: z.record(z.string(), z.unknown()), ops: z.record(z.string(), z.unknown()) });

const DELETED = Symbol('deleted');
type Slot<T> = T | typeof DELETED;

export { StateError };

interface Base {
  manifest: Manifest;
  records: Map<string, SyncRecord>;
  ops: Map<number, OutboxOp>;
  conflicts: Map<string, ConflictRow>;
}

export class FileSyncStore implements SyncStore {
  private base!: Base;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly dir: string) {}

  /** Opens (creating) a state folder and takes its lock; `close()` releases it. */
  static async open(dir: string): Promise<FileSyncStore> {
    await mkdir(dir, { recursive: true });
    const store = new FileSyncStore(dir);
    await store.takeLock();
    try {
      await store.load();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  private path(name: string): string {
    return join(this.dir, name);
  }

  private async takeLock(): Promise<void> {
    const lock = this.path('lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(lock, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== 'EEXIST') throw error;
        const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
          throw new StateError(text(`Folder ${this.dir} sedang dipakai proses ${pid}.`, `Folder ${this.dir} is in use by process ${pid}.`));
        }
        // Left behind by a process that is gone (killed): take it over.
        await unlink(lock).catch(() => undefined);
      }
    }
    throw new StateError(text(`Folder ${this.dir} tidak dapat dikunci.`, `Folder ${this.dir} cannot be locked.`));
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await unlink(this.path('lock')).catch(() => undefined);
  }

  private async load(): Promise<void> {
    let raw: string | null = null;
    try {
      raw = await readFile(this.path('state.json'), 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
    }
    const manifest: Manifest = raw === null ? emptyManifest() : parseOrThrow(ManifestSchema, JSON.parse(raw), this.path('state.json'));
    const records = new Map<string, SyncRecord>();
    const ops = new Map<number, OutboxOp>();
    const chunks = new Map<number, z.infer<typeof ChunkSchema>>();
    const chunk = async (gen: number) => {
      let c = chunks.get(gen);
      if (!c) {
        const file = this.path(`chunk-${gen}.json`);
        c = parseOrThrow(ChunkSchema, JSON.parse(await readFile(file, 'utf8')), file);
        chunks.set(gen, c);
      }
      return c;
    };
    for (const [key, gen] of Object.entries(manifest.records)) records.set(key, parseOrThrow(recordSchemaOf(key), (await chunk(gen)).records[key], `chunk-${gen}.json records.${key}`));
    for (const [id, gen] of Object.entries(manifest.ops)) ops.set(Number(id), parseOrThrow(OutboxOpSchema, (await chunk(gen)).ops[id], `chunk-${gen}.json ops.${id}`) as OutboxOp);
    const conflicts = new Map<string, ConflictRow>();
    for (const [key, row] of Object.entries(manifest.conflicts)) conflicts.set(key, parseOrThrow(ConflictRowSchema, row, `state.json conflicts.${key}`) as ConflictRow);
    this.base = { manifest, records, ops, conflicts };
    await this.removeOrphans();
  }

  /** Chunks no manifest refers to: left by a commit cut off before its manifest was written. */
  private async removeOrphans(): Promise<void> {
    const live = liveChunks(this.base.manifest);
    for (const name of await readdir(this.dir)) {
      const match = /^chunk-(\d+)\.json$/.exec(name);
      if ((match && !live.has(Number(match[1]))) || /^\..*\.tmp$/.test(name)) await unlink(this.path(name)).catch(() => undefined);
    }
  }

  transaction<T>(body: (tx: SyncTx) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.runTransaction(body));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runTransaction<T>(body: (tx: SyncTx) => Promise<T>): Promise<T> {
    const base = this.base;
    const records = new Map<string, SyncRecord>();
    const ops = new Map<number, Slot<OutboxOp>>();
    const versions = new Map<string, number>();
    const conflicts = new Map<string, Slot<ConflictRow>>();
    const meta: Partial<Record<keyof SyncMeta, unknown>> = {};
    let nextOpId = base.manifest.nextOpId;

    const opNow = (id: number): OutboxOp | null => {
      const slot = ops.has(id) ? ops.get(id)! : base.ops.get(id);
      return slot === undefined || slot === DELETED ? null : slot;
    };
    const allOpIds = () => [...new Set([...base.ops.keys(), ...ops.keys()])].sort((a, b) => a - b);
    // Op ids by record key: the stored ones (indexed once per transaction) and those added now.
    let stored: Map<string, number[]> | null = null;
    const added = new Map<string, number[]>();
    const idsFor = (key: string): number[] => {
      if (!stored) {
        stored = new Map();
        for (const [id, op] of [...base.ops].sort(([a], [b]) => a - b)) stored.set(op.key, [...(stored.get(op.key) ?? []), id]);
      }
      return [...(stored.get(key) ?? []), ...(added.get(key) ?? [])];
    };
    const conflictNow = (key: string): ConflictRow | null => {
      const slot = conflicts.has(key) ? conflicts.get(key)! : base.conflicts.get(key);
      return slot === undefined || slot === DELETED ? null : slot;
    };
    const clone = <T>(v: T): T => structuredClone(v);

    const tx: SyncTx = {
      nextBatch: async (limit) => {
        const blocked = new Set([...new Set([...base.conflicts.keys(), ...conflicts.keys()])].filter((k) => conflictNow(k) !== null));
        const select = headSelector(blocked);
        const batch: OutboxOp[] = [];
        for (const id of allOpIds()) {
          const op = opNow(id);
          if (op && select(op)) batch.push(clone(op));
          if (batch.length >= limit) break;
        }
        return batch;
      },
      opsFor: async (key) => idsFor(key).map(opNow).filter((op): op is OutboxOp => op !== null && op.key === key).map(clone),
      op: async (id) => {
        const op = opNow(id);
        return op ? clone(op) : null;
      },
      putOp: async (op) => {
        if (op.id === undefined || opNow(op.id) === null) throw new Error(`no op ${String(op.id)} to rewrite`);
        ops.set(op.id, clone(op));
      },
      addOp: async (op) => {
        const id = nextOpId++;
        ops.set(id, { ...clone(op), id } as OutboxOp);
        added.set(op.key, [...(added.get(op.key) ?? []), id]);
        return id;
      },
      deleteOps: async (ids) => {
        for (const id of ids) ops.set(id, DELETED);
      },
      version: async (key) => versions.get(key) ?? base.manifest.versions[key] ?? 0,
      setVersion: async (key, version) => {
        versions.set(key, version);
      },
      record: async (key) => {
        const r = records.get(key) ?? base.records.get(key);
        return r ? keyedOf(key, clone(r)) : null;
      },
      putServerRecord: async (server: ServerRecord) => {
        records.set(server.key, clone(server.record));
      },
      putLocalRecord: async (keyed) => {
        records.set(keyed.key, clone(keyed.record));
      },
      conflict: async (key) => {
        const c = conflictNow(key);
        return c ? clone(c) : null;
      },
      putConflict: async (row) => {
        conflicts.set(row.key, clone(row));
      },
      deleteConflict: async (key) => {
        if (conflictNow(key) !== null) conflicts.set(key, DELETED);
      },
      getMeta: async (key) => clone((Object.hasOwn(meta, key) ? meta[key] : readMeta(base.manifest, key)) as SyncMeta[typeof key]),
      setMeta: async (key, value) => {
        meta[key] = clone(value);
      },
    };

    const value = await body(tx);
    const changed = records.size + ops.size + versions.size + conflicts.size + Object.keys(meta).length + (nextOpId !== base.manifest.nextOpId ? 1 : 0);
    if (changed === 0) return value;

    // Build the next state, write it, and only then make it the current one.
    const generation = base.manifest.generation + 1;
    const next: Base = { manifest: structuredClone(base.manifest), records: new Map(base.records), ops: new Map(base.ops), conflicts: new Map(base.conflicts) };
    const m = next.manifest;
    m.generation = generation;
    m.nextOpId = nextOpId;
    for (const [key, value] of Object.entries(meta)) m.meta[key] = value;
    for (const [key, v] of versions) m.versions[key] = v;
    for (const [key, slot] of conflicts) {
      if (slot === DELETED) {
        next.conflicts.delete(key);
        delete m.conflicts[key];
      } else {
        next.conflicts.set(key, slot);
        m.conflicts[key] = slot;
      }
    }
    const chunk: { records: Record<string, SyncRecord>; ops: Record<string, OutboxOp> } = { records: {}, ops: {} };
    for (const [key, tally] of records) {
      next.records.set(key, tally);
      chunk.records[key] = tally;
      m.records[key] = generation;
    }
    for (const [id, slot] of ops) {
      if (slot === DELETED) {
        next.ops.delete(id);
        delete m.ops[String(id)];
      } else {
        next.ops.set(id, slot);
        chunk.ops[String(id)] = slot;
        m.ops[String(id)] = generation;
      }
    }
    // Too many partly-used chunks: this commit rewrites everything live into one.
    const compact = liveChunks(m).size > MAX_CHUNKS;
    if (compact) {
      for (const [key, tally] of next.records) {
        chunk.records[key] = tally;
        m.records[key] = generation;
      }
      for (const [id, op] of next.ops) {
        chunk.ops[String(id)] = op;
        m.ops[String(id)] = generation;
      }
    }
    if (Object.keys(chunk.records).length + Object.keys(chunk.ops).length > 0) {
      await writeFileAtomic(this.path(`chunk-${generation}.json`), JSON.stringify(chunk));
    }
    await writeFileAtomic(this.path('state.json'), JSON.stringify(m));
    const before = liveChunks(base.manifest);
    this.base = next;
    const after = liveChunks(m);
    for (const gen of before) if (!after.has(gen)) await unlink(this.path(`chunk-${gen}.json`)).catch(() => undefined);
    return value;
  }

  deviceKey(): Promise<CryptoKeyPair> {
    return loadOrCreateKeyFile(this.path('device-key.json'));
  }

  async installSetup(setup: Setup): Promise<Result<void, LocalizedText>> {
    const file = this.path('setup.json');
    const current = await readFile(file, 'utf8').then(
      (raw) => SetupSchema.safeParse(JSON.parse(raw)),
      () => null,
    );
    if (current?.success && canonicalJson(current.data) === canonicalJson(setup)) return ok(undefined);
    if (current?.success && current.data.kecamatan.code !== setup.kecamatan.code && this.base.records.size > 0) {
      return err(text(`Folder ini menyimpan data kecamatan ${current.data.kecamatan.code}; pakai folder lain.`, `This folder holds kecamatan ${current.data.kecamatan.code}'s data; use another folder.`));
    }
    await writeFileAtomic(file, JSON.stringify(setup));
    await syncDir(this.dir);
    return ok(undefined);
  }

  async setup(): Promise<Setup | null> {
    try {
      return SetupSchema.parse(JSON.parse(await readFile(this.path('setup.json'), 'utf8')));
    } catch {
      return null;
    }
  }

  async queueUnsynced(): Promise<number> {
    // Records here come from pulls (the server's) or local writes (which queue their op).
    return 0;
  }

  async counts(): Promise<SyncCounts> {
    return { pending: this.base.ops.size, conflicts: this.base.conflicts.size, failed: readMeta(this.base.manifest, 'failed').length };
  }

  async conflicts(): Promise<ConflictRow[]> {
    return [...this.base.conflicts.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async records(): Promise<KeyedRecord[]> {
    return [...this.base.records.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, r]) => keyedOf(key, r));
  }
}

function emptyManifest(): Manifest {
  return { format: STATE_FORMAT, generation: 0, nextOpId: 1, meta: {}, versions: {}, conflicts: {}, records: {}, ops: {} };
}

function liveChunks(m: Manifest): Set<number> {
  return new Set([...Object.values(m.records), ...Object.values(m.ops)]);
}

function readMeta<K extends keyof SyncMeta>(m: Manifest, key: K): SyncMeta[K] {
  if (!Object.hasOwn(m.meta, key)) return META_DEFAULTS[key];
  const parsed = MetaSchemas[key].safeParse(m.meta[key]);
  return parsed.success ? (parsed.data as SyncMeta[K]) : META_DEFAULTS[key];
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const detail = zodIssuesSummary(parsed.error, { root: value });
    throw new StateError(text(`Berkas status sinkron rusak (${where}): ${detail.id}`, `The sync state is damaged (${where}): ${detail.en}`));
  }
  return parsed.data;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
