import type { AuditAction, AuditChange } from '../../domain/audit/index.ts';
import { formatNumber, type Language } from '../../domain/common/text.ts';
import { fieldLabel } from '../../domain/setup/lookup.ts';
import type { ContestSetup } from '../../domain/setup/schema.ts';
import type { FieldPath } from '../../domain/tally/fields.ts';
import { m } from './messages.ts';

/** How an audit entry reads on screen: shared by a form's history and the kecamatan's. */

const META_LABELS: Record<string, keyof typeof m> = {
  status: 'statusLabel',
  enteredBy: 'enteredBy',
  verifiedBy: 'verifiedBy',
  acceptedWarnings: 'acceptedBecause',
};

export function labelOf(contest: ContestSetup, path: FieldPath, lang: Language): string {
  const meta = META_LABELS[path];
  return meta ? m[meta][lang] : fieldLabel(contest, path, lang);
}

export function valueOf(path: FieldPath, value: unknown, lang: Language): string {
  if (value === null || value === undefined || value === '') return m.empty[lang];
  if (typeof value === 'number') return formatNumber(value, 'id');
  if (path === 'status' && typeof value === 'string') {
    const key = `status_${value}` as keyof typeof m;
    return key in m ? m[key][lang] : value;
  }
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value
      .map((w: unknown) => (w && typeof w === 'object' && 'code' in w ? `${String(w.code)}${'reason' in w ? `: ${String(w.reason)}` : ''}` : String(w)))
      .join('; ');
  }
  return JSON.stringify(value);
}

export const actionLabel = (action: AuditAction, lang: Language): string => m[`action_${action.replace('.', '_')}` as keyof typeof m][lang];
export const roleLabel = (role: AuditChange['role'], lang: Language): string | null => (role ? m[`role_${role}`][lang] : null);

/** The paths an entry changed with their values before and after (objects keyed by field path). */
export function fieldChanges(change: AuditChange): { path: string; before: unknown; after: unknown }[] {
  const asMap = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const before = asMap(change.before);
  const after = asMap(change.after);
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return paths.map((path) => ({ path, before: before[path] ?? null, after: after[path] ?? null }));
}

