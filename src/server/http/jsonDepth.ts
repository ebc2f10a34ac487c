/**
 * How deep a request body may nest its JSON objects and arrays. The deepest legitimate bodies
 * measured (tests/server/jsonDepth.test.ts) are a kecamatan's signed summary import (11 levels) and
 * a push or an audit segment carrying a whole record (7); 64 leaves a wide margin while keeping
 * every recursive walk after JSON.parse (zod's z.json(), canonical JSON, hashing) far from the
 * stack's end (docs/deployment.md, "Memory under unauthenticated load").
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether `text` nests objects and arrays deeper than `max`, in one linear scan that skips string
 * contents (a "[" inside a string is text, and a \" inside one does not end it). It does not check
 * that `text` is JSON at all: JSON.parse does that afterwards, on text this scan has bounded.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === BACKSLASH) i += 1;
      else if (ch === QUOTE) inString = false;
    } else if (ch === QUOTE) {
      inString = true;
    } else if (ch === OPEN_BRACE || ch === OPEN_BRACKET) {
      depth += 1;
      if (depth > max) return true;
    } else if (ch === CLOSE_BRACE || ch === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
