import type { Kysely } from 'kysely';
import { PublicKeyJwkSchema } from '../../domain/crypto/keys.ts';
import type { Database } from './schema.ts';
import type { StoredServerKey } from './types.ts';

/** The one row of the server key (its private half sealed: src/server/keys/sealedKey.ts). */
const SERVER_KEY_ID = 'main';

/** The stored server key, created with `create` on the very first start. */
export async function serverKeyRow(db: Kysely<Database>, create: () => Promise<StoredServerKey>): Promise<StoredServerKey> {
  const existing = await readServerKey(db);
  if (existing) return existing;
  const key = await create();
  await db
    .insertInto('server_key')
    .values({ id: SERVER_KEY_ID, private_jwk: key.privateKey, public_jwk: JSON.stringify(key.publicJwk), created_at: key.createdAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  // Another process may have won the race: everyone uses the stored one.
  const stored = await readServerKey(db);
  if (!stored) throw new Error('server key was not stored');
  return stored;
}

/** Replaces the stored private half only if it is still `expected` (two processes sealing at once). */
export async function resealServerKey(db: Kysely<Database>, expected: string, replacement: string): Promise<boolean> {
  const result = await db.updateTable('server_key').set({ private_jwk: replacement }).where('id', '=', SERVER_KEY_ID).where('private_jwk', '=', expected).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

async function readServerKey(db: Kysely<Database>): Promise<StoredServerKey | null> {
  const row = await db.selectFrom('server_key').selectAll().where('id', '=', SERVER_KEY_ID).executeTakeFirst();
  if (!row) return null;
  return { privateKey: row.private_jwk, publicJwk: PublicKeyJwkSchema.parse(JSON.parse(row.public_jwk)), createdAt: row.created_at };
}
