import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SyncRecord } from '../../api/records.ts';
import type { ConflictRow } from '../../db/v3Types.ts';
import type { OutboxOp } from '../../db/types.ts';
import { OutboxOpSchema } from '../../db/outbox.ts';
import { SetupSchema, type Setup } from '../../domain/setup/schema.ts';
import { ConflictRowSchema, MetaSchemas } from '../schemas.ts';
import type { SyncMeta } from '../store.ts';
import { recordSchemaOf } from './recordKinds.ts';
import { parseStored, parseStoredValue } from './storedJson.ts';

/**
 * Reads (only) a state folder written by the file store Rekap used before SQLite:
 *
 *   state.json        the manifest (format rekap.sync-state/v1): meta, versions, conflicts, and
 *                     which chunk holds each record and op
 *   chunk-<n>.json    the records and ops written by transaction n
 *   setup.json        the kecamatan's setup
 *
 * Everything is checked with the same schemas as before; the store imports it once
 * (legacyMigration.ts) and removes these files after its commit.
 */

export const LEGACY_FORMAT = 'rekap.sync-state/v1';

const ManifestSchema = z.object({
  format: z.literal(LEGACY_FORMAT),
  generation: z.number().int().min(0),
  nextOpId: z.number().int().min(1),
  meta: z.record(z.string(), z.unknown()),
  versions: z.record(z.string(), z.number().int().min(0)),
  conflicts: z.record(z.string(), z.unknown()),
  records: z.record(z.string(), z.number().int().min(1)),
  ops: z.record(z.string(), z.number().int().min(1)),
});

const ChunkSchema = z.object({ records: z.record(z.string(), z.unknown()), ops: z.record(z.string(), z.unknown()) });

export interface LegacyState {
  /** The next op id the old store would have given (ids are never reused). */
  nextOpId: number;
  /** The meta fields that still read as their schema (the old store took the others as defaults). */
  meta: Partial<SyncMeta>;
  versions: Map<string, number>;
  conflicts: ConflictRow[];
  records: Map<string, SyncRecord>;
  ops: OutboxOp[];
  /** setup.json when it reads as a setup (the old store ignored a damaged one too). */
  setup: Setup | null;
  /** The old files to remove once imported: state.json last, so a cut-off removal is finished at the next open. */
  files: string[];
}

/** The old state in `dir`, or null when there is none (no state.json). */
export async function readLegacyState(dir: string): Promise<LegacyState | null> {
  const raw = await readFile(join(dir, 'state.json'), 'utf8').catch((error: { code?: string }) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (raw === null) return null;
  const manifest = parseStored(ManifestSchema, raw, 'state.json');

  const chunks = new Map<number, z.infer<typeof ChunkSchema>>();
  const chunk = async (gen: number) => {
    let c = chunks.get(gen);
    if (!c) {
      const name = `chunk-${gen}.json`;
      c = parseStored(ChunkSchema, await readFile(join(dir, name), 'utf8'), name);
      chunks.set(gen, c);
    }
    return c;
  };
  const records = new Map<string, SyncRecord>();
  for (const [key, gen] of Object.entries(manifest.records)) {
    records.set(key, parseStoredValue(recordSchemaOf(key), (await chunk(gen)).records[key], `chunk-${gen}.json records.${key}`));
  }
  const ops: OutboxOp[] = [];
  for (const [id, gen] of Object.entries(manifest.ops)) {
    ops.push(parseStoredValue(OutboxOpSchema, (await chunk(gen)).ops[id], `chunk-${gen}.json ops.${id}`) as OutboxOp);
  }
  ops.sort((a, b) => a.id! - b.id!);
  const conflicts = Object.entries(manifest.conflicts).map(([key, row]) => parseStoredValue(ConflictRowSchema, row, `state.json conflicts.${key}`) as ConflictRow);

  const meta: Partial<Record<keyof SyncMeta, unknown>> = {};
  for (const key of Object.keys(MetaSchemas) as (keyof SyncMeta)[]) {
    if (!Object.hasOwn(manifest.meta, key)) continue;
    const parsed = MetaSchemas[key].safeParse(manifest.meta[key]);
    if (parsed.success) meta[key] = parsed.data;
  }

  const setup = await readLegacySetup(join(dir, 'setup.json'));

  return {
    nextOpId: manifest.nextOpId,
    meta: meta as Partial<SyncMeta>,
    versions: new Map(Object.entries(manifest.versions)),
    conflicts,
    records,
    ops,
    setup,
    files: [...(await legacyLeftovers(dir)), 'state.json'],
  };
}

async function readLegacySetup(file: string): Promise<Setup | null> {
  try {
    return SetupSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return null;
  }
}

/**
 * The old store's files other than state.json: chunks (live or orphaned by a cut-off commit),
 * its temporary files, setup.json.
 */
export async function legacyLeftovers(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => /^chunk-\d+\.json$/.test(name) || /^\..*\.tmp$/.test(name) || name === 'setup.json').sort();
}
