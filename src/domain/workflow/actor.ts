import type { DesaCode } from '../codes/codes.ts';
import { desaOfPanel } from '../setup/lookup.ts';
import type { Setup } from '../setup/schema.ts';

import type { Role } from './roles.ts';

export { ROLES, RoleSchema, type Role } from './roles.ts';

/** The roles that write figures. */
export const TALLY_WRITERS = ['chair', 'clerk'] as const satisfies readonly Role[];

/** Who acts: a device's role and, for a clerk, the desa its panel takes in the recap schedule. */
export interface Actor {
  role: Role;
  panel: string | null;
  /** The desa a clerk may write (its panel's); ignored for the other roles. */
  desa: readonly DesaCode[];
}

/**
 * A clerk writes the desa its panel takes in the schedule (setup.schedule.days[].assignments) over
 * all days: the schedule is the setup's only mapping of panels to desa.
 */
export function actorFor(setup: Setup, role: Role, panel: string | null): Actor {
  return { role, panel, desa: role === 'clerk' && panel !== null ? desaOfPanel(setup, panel) : [] };
}

/**
 * A device that was never enrolled is the whole PPK on one laptop (set-up without a server): it
 * may take every step locally; a server it enrols with later decides again.
 */
export const STANDALONE_ACTOR: Actor = { role: 'chair', panel: null, desa: [] };
