import type { DesaCode } from '../codes/codes.ts';
import type { Setup } from '../setup/schema.ts';
import type { Actor } from './actor.ts';
import { stepFinalisation } from './finalisation.ts';
import { stepObjection } from './objection.ts';
import type { Refusal } from './refusal.ts';
import { mayWriteTallies } from './tally.ts';

/**
 * What a screen offers this actor, asked of the same tables the server enforces: an action the
 * table would refuse for the role is not offered at all.
 */
export const mayDecideObjections = (actor: Actor): boolean => stepObjection('filed', 'decide', actor, 'x').ok;
export const mayLinkCorrections = (actor: Actor): boolean => stepObjection('filed', 'link', actor).ok;
export const mayFinalise = (actor: Actor): boolean => stepFinalisation({ from: 'none', action: 'finalise', actor, blockers: 0 }).ok;

/** Why this actor's figures of a desa are read-only (another panel's, a reading role), or null. */
export const formsReadOnly = (actor: Actor, desa: DesaCode): Refusal | null => mayWriteTallies(actor, desa);

/** The panels whose schedule takes a desa (the owners a read-only banner names). */
export function panelsOfDesa(setup: Setup, desa: DesaCode): string[] {
  const ids = new Set<string>();
  for (const day of setup.schedule.days) for (const a of day.assignments) if (a.desa.includes(desa)) ids.add(a.panel);
  return setup.panels.filter((p) => ids.has(p.id)).map((p) => p.name);
}
