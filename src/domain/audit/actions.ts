import { assertNever } from '../tally/contest.ts';
import type { AuditAction, AuditRecordKind } from './schema.ts';

/**
 * The kind of record an action is about: an entry naming another kind was written by a bug (or by
 * hand), and readers that replay one kind (a backup's form check replays `tally` entries) must not
 * meet the others' values.
 */
export function recordKindOfAction(action: AuditAction): AuditRecordKind {
  switch (action) {
    case 'tally.changed':
    case 'tally.status':
    case 'tally.resolved':
      return 'tally';
    case 'objection.recorded':
    case 'objection.decided':
    case 'objection.linked':
    case 'objection.resolved':
      return 'objection';
    case 'finalisation.finalised':
    case 'finalisation.reopened':
    case 'finalisation.resolved':
      return 'finalisation';
    case 'photos.added':
    case 'photos.removed':
    case 'photos.resolved':
      return 'photos';
    default:
      return assertNever(action);
  }
}
