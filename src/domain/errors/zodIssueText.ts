import { z } from 'zod';
import { text, type LocalizedText } from '../common/text.ts';

/*
 * zod's own messages are English ("Invalid input: expected number, received string") and speak of
 * "input"; clerks and chairs read Indonesian and think of the file they chose. Every issue code we
 * can meet gets its own wording in both languages here. Where ours has nothing specific to say (a
 * string format such as an e-mail address), zod's own Indonesian and English locales word it.
 */

/** Any issue zod reports: a finished one (`error.issues`) or a raw one (what an error map sees). */
type AnyIssue = z.core.$ZodIssue | z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, LocalizedText> = {
  string: text('teks', 'text'),
  number: text('angka', 'number'),
  int: text('bilangan bulat', 'whole number'),
  bigint: text('bilangan bulat', 'whole number'),
  boolean: text('true/false', 'true/false'),
  object: text('objek { … }', 'object { … }'),
  array: text('daftar [ … ]', 'list [ … ]'),
  date: text('tanggal', 'date'),
  null: text('kosong (null)', 'empty (null)'),
  undefined: text('kosong', 'nothing'),
  nan: text('bukan angka', 'not a number'),
};

const typeName = (name: string): LocalizedText => TYPE_NAMES[name] ?? text('jenis lain', 'another type');

/** The JSON type of a value as a person reading the file would name it. */
function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'nan';
  return typeof value;
}

/** Looks a zod path up in the whole input; `found` is false when a segment on the way is missing. */
function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let node: unknown = input;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return { found: false, value: undefined };
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return { found: true, value: node };
}

/** Stands for "the parsed input was not given": then a finished issue's value cannot be looked up. */
const NO_INPUT: unique symbol = Symbol('no input');

/** The value an issue is about: a raw issue carries it, a finished one is looked up in the input. */
function offending(issue: AnyIssue, root: unknown): { found: boolean; value: unknown } | null {
  if ('input' in issue) return { found: issue.input !== undefined, value: issue.input };
  if (root === NO_INPUT) return null;
  return valueAt(root, issue.path ?? []);
}

/** A value quoted in a message; long texts are cut so one bad cell cannot flood the screen. */
function quote(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? '[ … ]' : '{ … }';
}

/** Patterns of our schemas that deserve a specific sentence rather than "wrong format". */
function regexMessage(pattern: string | undefined): LocalizedText {
  const digits = /^\/\^\\d\{(\d+)\}\$\/$/.exec(pattern ?? '');
  if (digits) {
    const n = digits[1];
    return text(`Harus tepat ${n} angka (kode wilayah KPU tanpa titik).`, `Must be exactly ${n} digits (KPU region code without dots).`);
  }
  if (pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) {
    return text('Tanggal harus berformat TTTT-BB-HH, misalnya 2024-02-18.', 'Date must be YYYY-MM-DD, e.g. 2024-02-18.');
  }
  if (pattern?.includes('[01]\\d|2[0-3]')) {
    return text('Jam harus berformat JJ:MM (00:00–23:59), misalnya 08:00.', 'Time must be HH:MM (00:00–23:59), e.g. 08:00.');
  }
  if (pattern?.includes('[a-z0-9-]')) {
    return text('Hanya boleh huruf kecil a–z, angka 0–9 dan tanda minus (-).', 'Only lowercase letters a–z, digits 0–9 and hyphens (-) are allowed.');
  }
  if (pattern?.includes('[0-9a-f]{64}')) return text('Harus sidik SHA-256: 64 huruf heksadesimal (0–9, a–f).', 'Must be a SHA-256 hash: 64 hexadecimal characters (0–9, a–f).');
  return text('Format tidak sesuai.', 'Wrong format.');
}

function bound(issue: AnyIssue & { code: 'too_small' | 'too_big' }, limit: number | bigint): LocalizedText {
  const small = issue.code === 'too_small';
  const n = Number(limit);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (small && n <= 1) return text('Tidak boleh kosong.', 'Must not be empty.');
      return small ? text(`Minimal ${n} karakter.`, `Must have at least ${n} characters.`) : text(`Maksimal ${n} karakter.`, `Must have at most ${n} characters.`);
    case 'array':
    case 'set':
      if (small && n <= 1) return text('Daftar tidak boleh kosong: isi minimal satu.', 'List must not be empty: give at least one.');
      return small
        ? text(`Daftar harus berisi minimal ${n} butir.`, `List must have at least ${n} items.`)
        : text(`Daftar boleh berisi paling banyak ${n} butir.`, `List may have at most ${n} items.`);
    default:
      if (small) return inclusive ? text(`Nilai minimal ${n}.`, `Must be at least ${n}.`) : text(`Nilai harus lebih besar dari ${n}.`, `Must be greater than ${n}.`);
      return inclusive ? text(`Nilai maksimal ${n}.`, `Must be at most ${n}.`) : text(`Nilai harus lebih kecil dari ${n}.`, `Must be less than ${n}.`);
  }
}

/**
 * A custom issue (a refine) may carry its own sentence in both languages as `params.text`; a bare
 * developer message stays out of the Indonesian text (it is English) and only follows in English.
 */
function customMessage(issue: AnyIssue & { code: 'custom' }): LocalizedText {
  const own = (issue.params as { text?: unknown } | undefined)?.text;
  if (own && typeof own === 'object' && typeof (own as LocalizedText).id === 'string' && typeof (own as LocalizedText).en === 'string') return own as LocalizedText;
  const message = typeof issue.message === 'string' && issue.message !== '' ? issue.message : 'Does not satisfy the rules of this file.';
  return text('Isian tidak memenuhi aturan berkas ini.', message);
}

let locales: { id: z.core.$ZodErrorMap; en: z.core.$ZodErrorMap } | null = null;

/** zod's own wording of an issue in both languages (its `id` and `en` locales), for what ours does not word. */
function libraryWording(issue: AnyIssue): LocalizedText | null {
  locales ??= { id: z.locales.id().localeError, en: z.locales.en().localeError };
  const raw = { input: undefined, ...issue } as z.core.$ZodRawIssue;
  const say = (map: z.core.$ZodErrorMap): string | null => {
    const out = map(raw);
    return typeof out === 'string' ? out : (out?.message ?? null);
  };
  const id = say(locales.id);
  const en = say(locales.en);
  const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
  return id && en ? text(sentence(id), sentence(en)) : null;
}

/**
 * One zod issue as a sentence in both languages, quoting the offending value. `root`: the whole
 * input that was parsed, to find that value for a finished issue (a raw one carries it).
 */
export function zodIssueText(issue: AnyIssue, root: unknown = NO_INPUT): LocalizedText {
  switch (issue.code) {
    case 'invalid_type': {
      const at = offending(issue, root);
      if (at === null) {
        const expected = typeName(issue.expected);
        return text(`Tidak ada atau jenisnya salah: diharapkan ${expected.id}.`, `Missing or of the wrong type: expected ${expected.en}.`);
      }
      if (!at.found || at.value === undefined) {
        const expected = typeName(issue.expected);
        return text(`Wajib diisi: bagian ini tidak ada (diharapkan ${expected.id}).`, `Required: this field is missing (expected ${expected.en}).`);
      }
      if (issue.expected === 'int') return text(`Harus bilangan bulat, bukan ${quote(at.value)}.`, `Must be a whole number, not ${quote(at.value)}.`);
      const expected = typeName(issue.expected);
      const type = jsonTypeOf(at.value);
      const received = typeName(type);
      const shown = type === 'nan' ? '' : ` ${quote(at.value)}`;
      return text(`Jenis isian salah: diharapkan ${expected.id}, tertulis ${received.id}${shown}.`, `Wrong type: expected ${expected.en}, got ${received.en}${shown}.`);
    }
    case 'too_small':
      return bound(issue, issue.minimum);
    case 'too_big':
      return bound(issue, issue.maximum);
    case 'invalid_format':
      if (issue.format === 'regex') return regexMessage(issue.pattern);
      return libraryWording(issue) ?? text('Format tidak sesuai.', 'Wrong format.');
    case 'invalid_value': {
      const options = issue.values.map(quote).join(', ');
      return issue.values.length === 1 ? text(`Nilai harus ${options}.`, `Must be ${options}.`) : text(`Nilai harus salah satu dari: ${options}.`, `Must be one of: ${options}.`);
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.map(quote).join(', ');
      return text(`Bagian tidak dikenal: ${keys}. Periksa ejaannya.`, `Unknown field(s): ${keys}. Check the spelling.`);
    }
    case 'invalid_union':
      if (issue.discriminator !== undefined && 'options' in issue && Array.isArray(issue.options) && issue.options.length > 0) {
        const options = issue.options.map(quote).join(', ');
        return text(`Nilai "${issue.discriminator}" tidak dikenal; harus salah satu dari: ${options}.`, `Unknown "${issue.discriminator}"; must be one of: ${options}.`);
      }
      return text('Isian tidak cocok dengan bentuk mana pun yang diizinkan.', 'Does not match any allowed shape.');
    case 'not_multiple_of':
      return text(`Nilai harus kelipatan ${String(issue.divisor)}.`, `Must be a multiple of ${String(issue.divisor)}.`);
    case 'invalid_key':
      return text('Nama bagian tidak valid.', 'Invalid field name.');
    case 'invalid_element':
      return text('Isi daftar tidak valid.', 'Invalid list entry.');
    case 'custom':
      return customMessage(issue);
    default:
      return libraryWording(issue) ?? text('Isian tidak valid.', 'Invalid value.');
  }
}
