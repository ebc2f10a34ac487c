import type { Actor } from './actor.ts';
import { FINALISATION_TRANSITIONS } from './finalisation.ts';
import { OBJECTION_TRANSITIONS } from './objection.ts';
import type { Role } from './roles.ts';
import { TALLY_TRANSITIONS } from './tally.ts';

/**
 * What a role sees and may do (docs/domain.md, "Roles shape the app"), derived from the workflow
 * tables the server enforces (tally.ts, finalisation.ts, objection.ts): a control the table would
 * refuse for the role is never offered, and a screen that holds only such controls is not in the
 * role's menu. The UI's menu, its routes and every write control ask this; the figures of one desa
 * (a clerk writes its panel's only) are offers.ts's formsReadOnly, the same row of the table.
 */

/** The app's screens, as the menu names them (the UI maps its routes onto these). */
export const SCREENS = ['work', 'progress', 'dhasil', 'discrepancies', 'objections', 'finalisation', 'backup', 'verify', 'auditLog', 'kabupaten', 'sync', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

/** The write controls a screen may draw. */
export const CONTROLS = [
  'type-figures',
  'mark-entered',
  'accept-warnings',
  'verify-form',
  'finalise',
  'reopen',
  'file-objection',
  'decide-objection',
  'link-corrections',
  'backup-export',
] as const;
export type Control = (typeof CONTROLS)[number];

export interface RoleView {
  role: Role;
  /** The screens of the menu, in menu order. */
  screens: readonly Screen[];
  /** Where `#/` leads: the clerk's lists for a device that writes forms, else the D.Hasil. */
  home: Screen;
  may: Readonly<Record<Control, boolean>>;
  /** Writes nothing but objections: the phone-first, read-only view of witnesses and Panwascam. */
  readOnly: boolean;
}

type Table = readonly { action: string; roles: readonly Role[] }[];
const allows = (table: Table, action: string, role: Role): boolean => table.some((t) => t.action === action && t.roles.includes(role));

/** The controls a role may use, each the answer of a table row. */
export function controlsOf(role: Role): Record<Control, boolean> {
  const tally = (action: string) => allows(TALLY_TRANSITIONS, action, role);
  const figures = tally('type') || tally('correct');
  const finalise = allows(FINALISATION_TRANSITIONS, 'finalise', role);
  return {
    'type-figures': figures,
    'mark-entered': tally('mark-entered'),
    'accept-warnings': tally('accept-warnings'),
    'verify-form': tally('verify'),
    finalise,
    reopen: allows(FINALISATION_TRANSITIONS, 'reopen', role),
    'file-objection': allows(OBJECTION_TRANSITIONS, 'file', role),
    'decide-objection': allows(OBJECTION_TRANSITIONS, 'decide', role),
    'link-corrections': allows(OBJECTION_TRANSITIONS, 'link', role),
    // A backup keeps what only this device holds: forms and plenary decisions. A device that writes
    // only objections syncs them to the server, and has nothing of its own to export.
    'backup-export': figures || finalise || allows(OBJECTION_TRANSITIONS, 'decide', role),
  };
}

/** Which screen needs which control (a screen with no entry is for every role). */
const SCREEN_NEEDS: Partial<Record<Screen, Control>> = {
  work: 'type-figures',
  finalisation: 'type-figures',
  backup: 'backup-export',
  // The kabupaten view is where the kecamatan's final summary goes: the finaliser's.
  kabupaten: 'finalise',
};

export function roleView(actor: Actor): RoleView {
  const may = controlsOf(actor.role);
  const screens = SCREENS.filter((s) => {
    const need = SCREEN_NEEDS[s];
    return need === undefined || may[need];
  });
  const readOnly = !may['type-figures'] && !may.finalise && !may['decide-objection'];
  return { role: actor.role, screens, home: screens.includes('work') ? 'work' : 'dhasil', may, readOnly };
}
