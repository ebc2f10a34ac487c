import type { Tally } from '../tally/tally.ts';
import type { FieldPath } from '../tally/fields.ts';
import { severityOf, type CheckCode, type Finding } from './types.ts';

/** Appends one finding about `tally`; every check builds its findings through here. */
export function report(
  out: Finding[],
  code: CheckCode,
  tally: Pick<Tally, 'tps' | 'contest'>,
  fields: FieldPath[],
  id: string,
  en: string,
): void {
  out.push({ code, severity: severityOf(code), tps: tally.tps, contest: tally.contest, fields, message: { id, en } });
}
