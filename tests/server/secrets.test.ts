import { describe, expect, it } from 'vitest';
import { CODE_LENGTH, newEnrolCode, newToken, normaliseEnrolCode } from '../../src/server/auth/secrets.ts';

describe('enrolment codes and tokens', () => {
  it('codes are two groups of five unambiguous characters, different every time', () => {
    const codes = Array.from({ length: 200 }, newEnrolCode);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('reads a code however it was typed: case, spaces, dashes, and O/I/L for 0/1', () => {
    expect(normaliseEnrolCode('7kq2m xd4rb')).toBe('7KQ2MXD4RB');
    expect(normaliseEnrolCode('O1L2I-ABCDE')).toBe('01121ABCDE');
    expect(normaliseEnrolCode('7KQ2M-XD4R')).toBeNull();
    expect(normaliseEnrolCode('7KQ2M-XD4RU')).toBeNull();
    expect(normaliseEnrolCode('7KQ2M-XD4R!')).toBeNull();
    expect(normaliseEnrolCode(newEnrolCode())).toHaveLength(CODE_LENGTH);
  });

  it('tokens carry 32 random bytes', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(token);
  });
});
