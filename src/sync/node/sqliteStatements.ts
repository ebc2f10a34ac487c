import type BetterSqlite3 from 'better-sqlite3';

type Db = BetterSqlite3.Database;

/** One op's row as nextBatch walks the outbox (the covering index, no JSON). */
export interface OpHead {
  id: number;
  key: string;
  state: string;
}

/**
 * Every statement the store runs, prepared once when the store opens: better-sqlite3 compiles a
 * statement on `prepare`, which costs more than running it.
 */
export function prepareStatements(db: Db) {
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),

    opHeads: db.prepare<[], OpHead>('SELECT id, key, state FROM ops INDEXED BY ops_in_order ORDER BY id'),
    opJson: db.prepare<[number], string>('SELECT json FROM ops WHERE id = ?').pluck(),
    opsJsonFor: db.prepare<[string], { id: number; json: string }>('SELECT id, json FROM ops WHERE key = ? ORDER BY id'),
    insertOp: db.prepare<[string, string, string]>('INSERT INTO ops (key, state, json) VALUES (?, ?, ?)'),
    updateOp: db.prepare<[string, string, string, number]>('UPDATE ops SET key = ?, state = ?, json = ? WHERE id = ?'),
    deleteOp: db.prepare<[number]>('DELETE FROM ops WHERE id = ?'),
    opCount: db.prepare<[], number>('SELECT count(*) FROM ops').pluck(),

    version: db.prepare<[string], number>('SELECT version FROM versions WHERE key = ?').pluck(),
    putVersion: db.prepare<[string, number]>('INSERT INTO versions (key, version) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET version = excluded.version'),

    recordJson: db.prepare<[string], string>('SELECT json FROM records WHERE key = ?').pluck(),
    putRecord: db.prepare<[string, string]>('INSERT INTO records (key, json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET json = excluded.json'),
    allRecords: db.prepare<[], { key: string; json: string }>('SELECT key, json FROM records ORDER BY key'),
    recordCount: db.prepare<[], number>('SELECT count(*) FROM records').pluck(),

    conflictJson: db.prepare<[string], string>('SELECT json FROM conflicts WHERE key = ?').pluck(),
    conflictKeys: db.prepare<[], string>('SELECT key FROM conflicts').pluck(),
    putConflict: db.prepare<[string, string]>('INSERT INTO conflicts (key, json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET json = excluded.json'),
    deleteConflict: db.prepare<[string]>('DELETE FROM conflicts WHERE key = ?'),
    allConflicts: db.prepare<[], { key: string; json: string }>('SELECT key, json FROM conflicts ORDER BY key'),
    conflictCount: db.prepare<[], number>('SELECT count(*) FROM conflicts').pluck(),

    metaJson: db.prepare<[string], string>('SELECT json FROM meta WHERE name = ?').pluck(),
    putMeta: db.prepare<[string, string]>('INSERT INTO meta (name, json) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET json = excluded.json'),

    setupJson: db.prepare<[], string>('SELECT json FROM setup WHERE id = 1').pluck(),
    putSetup: db.prepare<[string]>('INSERT INTO setup (id, json) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
