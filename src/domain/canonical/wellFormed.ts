import { text, type LocalizedText } from '../common/text.ts';

/**
 * Strings must be well-formed Unicode (issue 14). JSON text can carry a lone UTF-16 surrogate
 * ("\ud800"); JSON.parse keeps it, but canonical JSON (RFC 8785) refuses it, so whatever is hashed
 * or signed would throw. Inputs that are signed or hashed whole (an enrolment, a summary) are
 * checked with this before anything is stored or worked out.
 */
const LONE_SURROGATE = /\p{Cs}/u;

export const hasLoneSurrogate = (s: string): boolean => LONE_SURROGATE.test(s);
export const isWellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);

export const LONE_SURROGATE_TEXT: LocalizedText = text(
  'Teks tidak sah: memuat karakter UTF-16 yang terpotong (surrogate tunggal).',
  'Invalid text: it holds a broken UTF-16 character (a lone surrogate).',
);

/** The options of a zod refine with isWellFormed: the sentence in both languages (src/domain/errors). */
export const WELL_FORMED_ISSUE = { message: LONE_SURROGATE_TEXT.en, params: { text: LONE_SURROGATE_TEXT } };

/** A container on the walk, with how it was reached (its path is rebuilt only for a hit). */
interface Step {
  node: object;
  parent: Step | null;
  key: string | number;
}

function pathOf(step: Step | null, last: string | number): (string | number)[] {
  const path = [last];
  for (let s = step; s?.parent; s = s.parent) path.push(s.key);
  return path.reverse();
}

/**
 * The path of the first string — a value or an object key — holding a lone surrogate, or null.
 * Iterative, so that no nesting depth can overflow the stack; only containers are pushed (a summary
 * holds about a million numbers, which cost a typeof each).
 */
export function loneSurrogateAt(value: unknown): (string | number)[] | null {
  if (typeof value === 'string') return hasLoneSurrogate(value) ? [] : null;
  if (value === null || typeof value !== 'object') return null;
  const stack: Step[] = [{ node: value, parent: null, key: '' }];
  // Keys repeat (every gender row has male, female, total): each distinct one is tested once.
  const goodKeys = new Set<string>();
  while (stack.length > 0) {
    const step = stack.pop()!;
    const { node } = step;
    const keys = Array.isArray(node) ? null : Object.keys(node);
    const length = keys ? keys.length : (node as unknown[]).length;
    for (let i = 0; i < length; i += 1) {
      const key = keys ? keys[i]! : i;
      if (typeof key === 'string' && !goodKeys.has(key)) {
        if (hasLoneSurrogate(key)) return pathOf(step, key);
        goodKeys.add(key);
      }
      const child = (node as Record<string | number, unknown>)[key];
      if (typeof child === 'string') {
        if (hasLoneSurrogate(child)) return pathOf(step, key);
      } else if (child !== null && typeof child === 'object') stack.push({ node: child, parent: step, key });
    }
  }
  return null;
}
