import { z } from 'zod';
import { DesaCodeSchema } from '../domain/codes/codes.ts';
import { RoleSchema, STANDALONE_ACTOR, type Actor } from '../domain/workflow/actor.ts';
import type { RekapDb } from './database.ts';

/** The sync-table row holding the enrolment the sync engine stores (src/sync/dexieStore.ts META_ROW). */
const ENROLMENT_ROW = 'enrolment';

/**
 * The part of the engine's enrolment (src/sync/schemas.ts EnrolmentSchema) the workflow reads. Picked
 * here rather than imported: the db layer does not depend on sync. `desa`: the clerk's list from the
 * server, null for every other role.
 */
const EnrolledActorSchema = z.object({
  role: RoleSchema,
  panel: z.string().nullable(),
  desa: z.array(DesaCodeSchema).nullable(),
});

/**
 * The device's actor from its enrolment, or null when it is not enrolled. A row that does not read
 * as an enrolment counts as none, as the sync engine treats it (it enrols again); the server checks
 * every pushed op anyway. Awaits IndexedDB only: safe inside a transaction that includes 'sync'.
 */
export async function enrolledActor(db: RekapDb): Promise<Actor | null> {
  const row = await db.sync.get(ENROLMENT_ROW);
  const parsed = EnrolledActorSchema.safeParse(row?.value);
  if (!parsed.success) return null;
  const { role, panel, desa } = parsed.data;
  return { role, panel, desa: desa ?? [] };
}

/** Who this device acts as in the workflow: its enrolment, or the whole PPK when never enrolled. */
export async function deviceActor(db: RekapDb): Promise<Actor> {
  return (await enrolledActor(db)) ?? STANDALONE_ACTOR;
}
