import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { SeenSignedRequest } from './types.ts';

/**
 * Remembers a signed privileged request (src/server/auth/signedRequest.ts) by the hash of the
 * message its device signed; false when that message was seen before: a replay. The primary key
 * decides, so two copies sent at once to two server processes on one PostgreSQL still run once.
 * Rows past the time window are deleted on the way: a replay that old is refused by its time.
 */
export async function rememberSignedRequest(db: Kysely<Database>, seen: SeenSignedRequest): Promise<boolean> {
  await db.deleteFrom('signed_requests').where('expires_at', '<', seen.receivedAt).execute();
  const inserted = await db
    .insertInto('signed_requests')
    .values({ hash: seen.hash, kecamatan: seen.kecamatan, device_id: seen.deviceId, path: seen.path, expires_at: seen.expiresAt, received_at: seen.receivedAt })
    .onConflict((oc) => oc.column('hash').doNothing())
    .returning('hash')
    .executeTakeFirst();
  return inserted !== undefined;
}
