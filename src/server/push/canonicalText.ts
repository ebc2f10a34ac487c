import { canonicalJson } from '../../domain/canonical/json.ts';

/**
 * canonicalJson of what a device sent, or null when it has no canonical form: RFC 8785 refuses a
 * string holding a lone UTF-16 surrogate, which JSON text can carry ("\ud800"). Such input is the
 * sender's error, answered for the op (or the push) it is in, never a 500 for the whole push.
 */
export function canonicalOrNull(value: unknown): string | null {
  try {
    return canonicalJson(value);
  } catch {
    return null;
  }
}
