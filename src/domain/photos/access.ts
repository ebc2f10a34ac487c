import { desaOfTps, type TpsCode } from '../codes/codes.ts';
import { assertNever } from '../tally/contest.ts';
import type { Actor } from '../workflow/actor.ts';
import { refusal, type Refusal } from '../workflow/refusal.ts';

/**
 * Who may attach or remove a form's photos: those who may write its figures — the chair anywhere
 * in the kecamatan, a clerk in its panel's desa. Witnesses and Panwascam (and the kabupaten, which
 * reads over its own API) view every TPS's photos but add none: a photo is evidence the PPK files
 * with its figures. The device asks this before it stores a photo and the server before it takes
 * a blob (PUT /api/blobs, docs/sync.md). A finalised desa's photos are locked like its figures
 * (`desaFinal`): what was finalised is what the photos showed; the chair reopens the desa first.
 * The blob upload is not asked about finality: a photo attached before the finalisation may still
 * be on its way. null: allowed; else the workflow's refusal, worded by refusalText like every other.
 */
export function photoWriteRefusal(actor: Actor, tps: TpsCode, desaFinal = false): Refusal | null {
  const byRole = roleRefusal(actor, tps);
  if (byRole) return byRole;
  return desaFinal ? refusal('desa-final') : null;
}

function roleRefusal(actor: Actor, tps: TpsCode): Refusal | null {
  switch (actor.role) {
    case 'chair':
      return null;
    case 'clerk': {
      const desa = desaOfTps(tps);
      return actor.desa.includes(desa) ? null : refusal('other-panel', { desa });
    }
    case 'witness':
    case 'panwas':
      return refusal('read-only-role');
    default:
      return assertNever(actor.role);
  }
}
