/**
 * Recognises JSON text that is already canonical (RFC 8785, as canonicalJson writes it), so that a
 * file written canonically — every signed summary, ~12 MB for the largest kecamatan — is hashed as
 * it is instead of being parsed into objects and serialised again (the costliest step of verifying
 * one). Anything this scanner is unsure of counts as not canonical: the caller then serialises the
 * value, which is always right, only slower.
 *
 * Canonical means byte for byte what canonicalJson gives for the parsed value: no whitespace, object
 * keys unique and sorted by UTF-16 code units, numbers as ECMAScript prints them, strings with only
 * the escapes JSON.stringify makes (\" \\ \b \f \n \r \t, \u00xx for the other control characters)
 * and no lone surrogates (canonicalJson refuses those).
 */

/** A top-level member `"key":value` of a canonical object text: text.slice(start, end). */
export interface TextMember {
  key: string;
  start: number;
  end: number;
}

// Nesting deeper than this is not worth a fast path (and recursion must stay far from the stack limit).
const MAX_DEPTH = 512;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * The top-level members of `text` in order, when `text` is exactly the canonical JSON of the object
 * it parses to; null otherwise (not canonical, not an object, not JSON at all).
 */
export function canonicalTextMembers(text: string): TextMember[] | null {
  const scanner = new Scanner(text);
  try {
    const members = scanner.object(0, true);
    return scanner.pos === text.length ? members : null;
  } catch (error) {
    if (error === NOT_CANONICAL) return null;
    throw error;
  }
}

// One sentinel thrown from any depth ends the scan without a result object per level.
const NOT_CANONICAL = Symbol('not canonical');

function fail(): never {
  throw NOT_CANONICAL;
}

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  private code(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  private expect(code: number): void {
    if (this.code() !== code) fail();
    this.pos += 1;
  }

  value(depth: number): void {
    switch (this.code()) {
      case 0x7b: // {
        this.object(depth, false);
        return;
      case 0x5b: // [
        this.array(depth);
        return;
      case QUOTE:
        this.string();
        return;
      case 0x74: // t
        this.literal('true');
        return;
      case 0x66: // f
        this.literal('false');
        return;
      case 0x6e: // n
        this.literal('null');
        return;
      default:
        this.number();
    }
  }

  /** Keys are compared as spans of the text (no substrings); a key with escapes is decoded first (rare). */
  object(depth: number, collect: true): TextMember[];
  object(depth: number, collect: false): null;
  object(depth: number, collect: boolean): TextMember[] | null {
    if (depth > MAX_DEPTH) fail();
    this.expect(0x7b);
    const members: TextMember[] | null = collect ? [] : null;
    if (this.code() === 0x7d) {
      this.pos += 1;
      return members;
    }
    let previousStart = -1;
    let previousEnd = -1;
    let previousEscaped = false;
    for (;;) {
      const start = this.pos;
      const escaped = this.string();
      const keyEnd = this.pos - 1;
      if (previousStart >= 0 && !this.ascending(previousStart, previousEnd, previousEscaped, start + 1, keyEnd, escaped)) fail();
      previousStart = start + 1;
      previousEnd = keyEnd;
      previousEscaped = escaped;
      this.expect(COLON);
      this.value(depth + 1);
      members?.push({ key: this.decode(start + 1, keyEnd, escaped), start, end: this.pos });
      const next = this.code();
      this.pos += 1;
      if (next === 0x7d) return members;
      if (next !== COMMA) fail();
    }
  }

  private array(depth: number): void {
    if (depth > MAX_DEPTH) fail();
    this.expect(0x5b);
    if (this.code() === 0x5d) {
      this.pos += 1;
      return;
    }
    for (;;) {
      this.value(depth + 1);
      const next = this.code();
      this.pos += 1;
      if (next === 0x5d) return;
      if (next !== COMMA) fail();
    }
  }

  private literal(word: string): void {
    if (!this.text.startsWith(word, this.pos)) fail();
    this.pos += word.length;
  }

  /** A string token in canonical form; returns whether it holds escapes. */
  private string(): boolean {
    this.expect(QUOTE);
    const { text } = this;
    const length = text.length;
    let escaped = false;
    // The hot loop of the scan: a local position, written back only around escapes.
    let pos = this.pos;
    while (pos < length) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        this.pos = pos + 1;
        return escaped;
      }
      if (c >= 0x20 && c !== BACKSLASH && (c < 0xd800 || c > 0xdfff)) {
        pos += 1;
      } else if (c === BACKSLASH) {
        escaped = true;
        this.pos = pos;
        this.escape();
        pos = this.pos;
      } else if (c >= 0xd800 && c <= 0xdbff) {
        const next = pos + 1 < length ? text.charCodeAt(pos + 1) : -1;
        if (next < 0xdc00 || next > 0xdfff) fail(); // a lone high surrogate
        pos += 2;
      } else {
        fail(); // a raw control character (not JSON) or a lone low surrogate
      }
    }
    return fail();
  }

  /** Only the escapes JSON.stringify writes: the short ones, and \u00xx (lower-case) for other control characters. */
  private escape(): void {
    const { text } = this;
    const c = this.pos + 1 < text.length ? text.charCodeAt(this.pos + 1) : -1;
    switch (c) {
      case QUOTE:
      case BACKSLASH:
      case 0x62: // b
      case 0x66: // f
      case 0x6e: // n
      case 0x72: // r
      case 0x74: // t
        this.pos += 2;
        return;
      case 0x75: {
        // u
        const hex = text.slice(this.pos + 2, this.pos + 6);
        if (!/^00[01][0-9a-f]$/.test(hex)) fail();
        const code = Number.parseInt(hex, 16);
        // these five have short forms, which JSON.stringify uses
        if (code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) fail();
        this.pos += 6;
        return;
      }
      default:
        fail(); // \/ and anything else
    }
  }

  /** A number exactly as ECMAScript prints it (Number.prototype.toString), finite. */
  private number(): void {
    const { text } = this;
    const start = this.pos;
    let end = start;
    let plain = true; // -?digits only
    for (; end < text.length; end += 1) {
      const c = text.charCodeAt(end);
      if (c >= 0x30 && c <= 0x39) continue;
      if (c === 0x2d && end === start) continue;
      if (c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d) {
        plain = false;
        continue;
      }
      break;
    }
    if (end === start) fail();
    const digits = end - start - (text.charCodeAt(start) === 0x2d ? 1 : 0);
    const first = text.charCodeAt(end - digits);
    // The common case without a conversion: an integer without leading zeros and not "-0", short
    // enough (≤ 15 digits) to be exact and printed in full.
    const simpleInteger = plain && digits >= 1 && digits <= 15 && (first !== 0x30 || (digits === 1 && start === end - 1));
    if (!simpleInteger) {
      const token = text.slice(start, end);
      // String(Number(t)) === t holds only for the ECMAScript form of a finite number ("-0" prints as "0").
      if (String(Number(token)) !== token) fail();
    }
    this.pos = end;
  }

  /** Whether key b sorts strictly after key a by UTF-16 code units (equal keys are duplicates). */
  private ascending(aStart: number, aEnd: number, aEscaped: boolean, bStart: number, bEnd: number, bEscaped: boolean): boolean {
    if (aEscaped || bEscaped) return this.decode(aStart, aEnd, aEscaped) < this.decode(bStart, bEnd, bEscaped);
    const { text } = this;
    const length = Math.min(aEnd - aStart, bEnd - bStart);
    for (let i = 0; i < length; i += 1) {
      const x = text.charCodeAt(aStart + i);
      const y = text.charCodeAt(bStart + i);
      if (x !== y) return x < y;
    }
    return aEnd - aStart < bEnd - bStart;
  }

  private decode(start: number, end: number, escaped: boolean): string {
    const raw = this.text.slice(start, end);
    return escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
  }
}
