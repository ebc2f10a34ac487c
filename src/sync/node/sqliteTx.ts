import type { ConflictRow } from '../../db/v3Types.ts';
import type { KeyedRecord, OutboxOp } from '../../db/types.ts';
import { OutboxOpSchema } from '../../db/outbox.ts';
import { ConflictRowSchema, MetaSchemas } from '../schemas.ts';
import { headSelector } from '../select.ts';
import { META_DEFAULTS, type SyncMeta, type SyncTx } from '../store.ts';
import { keyedOf, recordSchemaOf } from './recordKinds.ts';
import type { Statements } from './sqliteStatements.ts';
import { parseStored, parseStoredValue, storedJsonValue } from './storedJson.ts';

/**
 * The operations of one transaction over the prepared statements. The store opens the SQLite
 * transaction before the body runs and commits after it; these only read and write. Each call
 * checks that its transaction is still open: a body that kept `tx` and used it later would
 * otherwise write outside any transaction (IndexedDB refuses that too).
 */
export function sqliteTx(s: Statements, isOpen: () => boolean): SyncTx {
  const live = () => {
    if (!isOpen()) throw new Error('SyncTx used after its transaction ended');
  };
  // The stored JSON carries no id: the row's id column is the one truth.
  const readOp = (id: number, json: string): OutboxOp => {
    const value = storedJsonValue(json, `ops ${id}`);
    return parseStoredValue(OutboxOpSchema, typeof value === 'object' && value !== null ? { ...value, id } : value, `ops ${id}`) as OutboxOp;
  };
  const opRow = (op: OutboxOp | Omit<OutboxOp, 'id'>): [string, string, string] => {
    const { id: _id, ...stored } = op as OutboxOp;
    return [op.key, op.state, JSON.stringify(stored)];
  };

  return {
    nextBatch: async (limit, inFlight = new Set()) => {
      live();
      const select = headSelector(new Set(s.conflictKeys.all()));
      // Walk the small covering index first; read (and parse) the JSON of the chosen ops only.
      const ids: number[] = [];
      if (limit > 0) {
        for (const head of s.opHeads.iterate()) {
          if (select(head) && !inFlight.has(head.key)) ids.push(head.id);
          if (ids.length >= limit) break;
        }
      }
      return ids.map((id) => readOp(id, s.opJson.get(id)!));
    },
    opsFor: async (key) => {
      live();
      return s.opsJsonFor.all(key).map((row) => readOp(row.id, row.json));
    },
    op: async (id) => {
      live();
      const json = s.opJson.get(id);
      return json === undefined ? null : readOp(id, json);
    },
    putOp: async (op) => {
      live();
      if (op.id === undefined || s.updateOp.run(...opRow(op), op.id).changes === 0) throw new Error(`no op ${String(op.id)} to rewrite`);
    },
    addOp: async (op) => {
      live();
      return Number(s.insertOp.run(...opRow(op)).lastInsertRowid);
    },
    deleteOps: async (ids) => {
      live();
      for (const id of ids) s.deleteOp.run(id);
    },

    version: async (key) => {
      live();
      const version = s.version.get(key);
      return typeof version === 'number' && Number.isInteger(version) && version >= 0 ? version : 0;
    },
    setVersion: async (key, version) => {
      live();
      s.putVersion.run(key, version);
    },

    record: async (key) => {
      live();
      const json = s.recordJson.get(key);
      return json === undefined ? null : keyedOf(key, parseStored(recordSchemaOf(key), json, `records ${key}`));
    },
    putServerRecord: async (server) => {
      live();
      s.putRecord.run(server.key, JSON.stringify(server.record));
    },
    putLocalRecord: async (keyed: KeyedRecord) => {
      live();
      s.putRecord.run(keyed.key, JSON.stringify(keyed.record));
    },

    conflict: async (key) => {
      live();
      const json = s.conflictJson.get(key);
      return json === undefined ? null : (parseStored(ConflictRowSchema, json, `conflicts ${key}`) as ConflictRow);
    },
    putConflict: async (row) => {
      live();
      s.putConflict.run(row.key, JSON.stringify(row));
    },
    deleteConflict: async (key) => {
      live();
      s.deleteConflict.run(key);
    },

    getMeta: async (key) => {
      live();
      return readMeta(s, key);
    },
    setMeta: async (key, value) => {
      live();
      s.putMeta.run(key, JSON.stringify(value));
    },
  };
}

/** A meta field; one that is missing or no longer reads as its schema is its default (as before). */
export function readMeta<K extends keyof SyncMeta>(s: Statements, key: K): SyncMeta[K] {
  const json = s.metaJson.get(key);
  if (json !== undefined) {
    try {
      const parsed = MetaSchemas[key].safeParse(JSON.parse(json));
      if (parsed.success) return parsed.data as SyncMeta[K];
    } catch {
      // Not JSON: the default below.
    }
  }
  return structuredClone(META_DEFAULTS[key]);
}
