/**
 * Where a JSON text stops being JSON, found by reading it again: engines word JSON.parse errors
 * differently (V8: "Unexpected end of JSON input", sometimes without a position; Firefox: "unexpected
 * end of data at line 1 column 1"), and none of them in Indonesian. Only run after JSON.parse failed.
 */
export type JsonFault =
  | { kind: 'empty' }
  /** The text ends in the middle of a value: a file cut while copying or downloading. */
  | { kind: 'truncated'; offset: number }
  | { kind: 'unexpected'; offset: number; found: string }
  /** A complete value followed by more text (two files pasted together, a stray character). */
  | { kind: 'trailing'; offset: number; found: string };

class Stop {
  constructor(readonly fault: JsonFault) {}
}

/** The first fault of a text JSON.parse refused; null when it is valid JSON after all. */
export function findJsonFault(source: string): JsonFault | null {
  let i = 0;
  const n = source.length;
  const fail = (): never => {
    throw new Stop(i >= n ? { kind: 'truncated', offset: n } : { kind: 'unexpected', offset: i, found: source[i]! });
  };
  const space = () => {
    while (i < n && ' \t\n\r'.includes(source[i]!)) i += 1;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (source[i] !== ch) fail();
      i += 1;
    }
  };
  const string = () => {
    i += 1; // the opening quote
    for (;;) {
      if (i >= n) fail();
      const ch = source[i]!;
      if (ch === '"') {
        i += 1;
        return;
      }
      if (ch < ' ') fail();
      if (ch === '\\') {
        i += 1;
        if (i >= n) fail();
        if (source[i] === 'u') {
          for (let k = 0; k < 4; k += 1) {
            i += 1;
            if (i >= n || !/[0-9a-fA-F]/.test(source[i]!)) fail();
          }
        } else if (!'"\\/bfnrt'.includes(source[i]!)) fail();
      }
      i += 1;
    }
  };
  const digits = () => {
    if (i >= n || !/\d/.test(source[i]!)) fail();
    while (i < n && /\d/.test(source[i]!)) i += 1;
  };
  const number = () => {
    if (source[i] === '-') i += 1;
    if (source[i] === '0') i += 1;
    else digits();
    if (source[i] === '.') {
      i += 1;
      digits();
    }
    if (source[i] === 'e' || source[i] === 'E') {
      i += 1;
      if (source[i] === '+' || source[i] === '-') i += 1;
      digits();
    }
  };
  const value = (): void => {
    space();
    const ch = source[i];
    if (ch === '{') return members('}', () => {
      space();
      if (source[i] !== '"') fail();
      string();
      space();
      if (source[i] !== ':') fail();
      i += 1;
      value();
    });
    if (ch === '[') return members(']', value);
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch !== undefined && /\d/.test(ch))) return number();
    fail();
  };
  const members = (close: string, item: () => void) => {
    i += 1;
    space();
    if (source[i] === close) {
      i += 1;
      return;
    }
    for (;;) {
      item();
      space();
      if (source[i] === ',') {
        i += 1;
        continue;
      }
      if (source[i] === close) {
        i += 1;
        return;
      }
      fail();
    }
  };

  if (source.trim() === '') return { kind: 'empty' };
  try {
    value();
    space();
    return i < n ? { kind: 'trailing', offset: i, found: source[i]! } : null;
  } catch (e) {
    if (e instanceof Stop) return e.fault;
    throw e;
  }
}

/** 1-based line and column of an offset, as editors show them. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = 0; k < offset && k < source.length; k += 1) {
    if (source[k] === '\n') {
      line += 1;
      start = k + 1;
    }
  }
  return { line, column: offset - start + 1 };
}
