import type { Role } from '../../api/roles.ts';
import type { DesaCode } from '../../domain/codes/codes.ts';
import { desaOfPanel } from '../../domain/setup/lookup.ts';
import type { Setup } from '../../domain/setup/schema.ts';

/** What a device may write: every desa (chair), a list (clerk), or nothing (witness, Panwascam). */
export type WriteScope = { kind: 'all' } | { kind: 'desa'; desa: DesaCode[] } | { kind: 'none' };

/**
 * A clerk writes the tallies of the desa its panel takes in the recap schedule
 * (setup.schedule.days[].assignments), over all days: the schedule is the setup's only mapping of
 * panels to desa. A panel the schedule never assigns gets no desa, and no clerk code is issued
 * for it (see issueCode), so a clerk device is never enrolled with nothing to do.
 */
export function writeScope(setup: Setup, role: Role, panel: string | null): WriteScope {
  switch (role) {
    case 'chair':
      return { kind: 'all' };
    case 'clerk':
      return { kind: 'desa', desa: panel === null ? [] : desaOfPanel(setup, panel) };
    case 'witness':
    case 'panwas':
      return { kind: 'none' };
  }
}

export function mayWriteDesa(scope: WriteScope, desa: DesaCode): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'desa':
      return scope.desa.includes(desa);
    case 'none':
      return false;
  }
}

/** EnrolResponse.desa: the clerk's list; null for all (chair) or none (read-only roles). */
export function enrolDesa(scope: WriteScope): DesaCode[] | null {
  return scope.kind === 'desa' ? scope.desa : null;
}
