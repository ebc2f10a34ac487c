import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodErrorMap, zodErrorText, zodIssueText, zodPathIssues } from '../../../src/domain/errors/index.ts';

/** English words of zod's default messages that must never reach an Indonesian sentence. */
const ENGLISH = /Invalid input|expected|received|Too (small|big)|undefined|\[object Object\]/;

const issueOf = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.error!.issues[0]!;
};

describe('zodIssueText', () => {
  const cases: [string, z.ZodType, unknown, RegExp, RegExp][] = [
    ['a string where a number belongs', z.object({ a: z.number() }), { a: '12' }, /diharapkan angka, tertulis teks "12"/, /expected number, got text "12"/],
    ['a missing field', z.object({ a: z.string() }), {}, /^Wajib diisi/, /^Required/],
    ['null where an object belongs', z.object({ a: z.object({}) }), { a: null }, /diharapkan objek .*tertulis kosong \(null\)/, /expected object .*got empty \(null\)/],
    ['a fraction where a whole number belongs', z.object({ a: z.number().int() }), { a: 2.5 }, /bilangan bulat, bukan 2\.5/, /whole number, not 2\.5/],
    ['a too-short list', z.object({ a: z.array(z.number()).min(2) }), { a: [1] }, /minimal 2 butir/, /at least 2 items/],
    ['a wrong KPU code', z.object({ a: z.string().regex(/^\d{10}$/) }), { a: '35.09.08' }, /tepat 10 angka/, /exactly 10 digits/],
    ['an unknown enum value', z.object({ a: z.enum(['PPWP', 'DPR']) }), { a: 'DPD' }, /salah satu dari: "PPWP", "DPR"/, /one of: "PPWP", "DPR"/],
    ['a misspelt field', z.strictObject({ a: z.number() }), { a: 1, tpss: 2 }, /Bagian tidak dikenal: "tpss"/, /Unknown field\(s\): "tpss"/],
    ['an e-mail format (worded by zod’s own locales)', z.object({ a: z.email() }), { a: 'x' }, /email tidak valid/i, /Invalid email/i],
  ];
  it.each(cases)('%s', (_name, schema, input, id, en) => {
    const message = zodIssueText(issueOf(schema, input), input);
    expect(message.id).toMatch(id);
    expect(message.en).toMatch(en);
    expect(message.id).not.toMatch(ENGLISH);
  });

  it('uses the sentence a refine carries in params.text, and keeps a bare English message out of Indonesian', () => {
    const worded = z.string().superRefine((_v, ctx) => ctx.addIssue({ code: 'custom', message: 'dup', params: { text: { id: 'Kode ganda.', en: 'Duplicate code.' } } }));
    expect(zodIssueText(issueOf(worded, 'x'))).toEqual({ id: 'Kode ganda.', en: 'Duplicate code.' });
    const bare = z.string().refine(() => false, 'duplicate tally');
    const message = zodIssueText(issueOf(bare, 'x'));
    expect(message.id).not.toContain('duplicate');
    expect(message.en).toContain('duplicate tally');
  });

  it('gives every issue of a parse its path, and sums them up in one sentence naming the file', () => {
    const schema = z.object({ desa: z.array(z.object({ tps: z.array(z.number()) })) });
    const input = { desa: [{ tps: [1, '2'] }, { tps: 'x' }] };
    const parsed = schema.safeParse(input);
    const issues = zodPathIssues(parsed.error!, { root: input });
    expect(issues.map((i) => i.path)).toEqual(['desa[0].tps[1]', 'desa[1].tps']);
    const sentence = zodErrorText(parsed.error!, { subject: { id: 'Berkas setup.json', en: 'File setup.json' }, root: input, max: 1 });
    expect(sentence.id).toMatch(/^Berkas setup\.json tidak sesuai .*di desa\[0\]\.tps\[1\]: .*\(dan 1 masalah lain\)$/);
    expect(sentence.en).toMatch(/^File setup\.json does not have .*at desa\[0\]\.tps\[1\]: .*\(and 1 more\)$/);
  });
});

describe('zodErrorMap', () => {
  afterEach(() => {
    z.config({ localeError: undefined });
  });

  it('makes issue.message Indonesian or English, as the UI language is', () => {
    const schema = z.object({ a: z.number() });
    z.config({ localeError: zodErrorMap('id') });
    const id = schema.safeParse({ a: 'x' }).error!.issues[0]!.message;
    expect(id).toBe('Jenis isian salah: diharapkan angka, tertulis teks "x".');
    z.config({ localeError: zodErrorMap('en') });
    expect(schema.safeParse({ a: 'x' }).error!.issues[0]!.message).toBe('Wrong type: expected number, got text "x".');
  });

  it('words a missing field from the raw issue an error map sees', () => {
    z.config({ localeError: zodErrorMap('id') });
    expect(z.object({ a: z.string() }).safeParse({}).error!.issues[0]!.message).toMatch(/^Wajib diisi/);
  });
});
