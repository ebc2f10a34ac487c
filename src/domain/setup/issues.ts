import type { z } from 'zod';
import { text, type LocalizedText } from '../common/text.ts';

/** One problem in a setup file: where it is (`desa[3].tps[5]`) and what is wrong, in both languages. */
export interface SetupIssue {
  path: string;
  message: LocalizedText;
}

export type PathSegment = string | number;

/** `['desa', 3, 'tps', 5]` → `desa[3].tps[5]`; the root is the empty string. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

const TYPE_NAMES: Record<string, LocalizedText> = {
  string: text('teks', 'text'),
  number: text('angka', 'number'),
  int: text('bilangan bulat', 'whole number'),
  boolean: text('true/false', 'true/false'),
  object: text('objek { … }', 'object { … }'),
  array: text('daftar [ … ]', 'list [ … ]'),
  null: text('null', 'null'),
  undefined: text('kosong', 'nothing'),
};

function typeName(name: string): LocalizedText {
  return TYPE_NAMES[name] ?? text(name, name);
}

/** The JSON type of a value as a person reading the file would name it. */
function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isInteger(value)) return 'number';
  return typeof value;
}

/** Looks a zod path up in the raw input; `found` is false when a segment on the way is missing. */
function valueAt(input: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let node: unknown = input;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return { found: false, value: undefined };
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return { found: true, value: node };
}

/** Patterns of the setup schema that deserve a specific sentence rather than "wrong format". */
function regexMessage(pattern: string | undefined): LocalizedText {
  const digits = /^\/\^\\d\{(\d+)\}\$\/$/.exec(pattern ?? '');
  if (digits) {
    const n = digits[1];
    return text(
      `Harus tepat ${n} angka (kode wilayah KPU tanpa titik).`,
      `Must be exactly ${n} digits (KPU region code without dots).`,
    );
  }
  if (pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) {
    return text('Tanggal harus berformat TTTT-BB-HH, misalnya 2024-02-18.', 'Date must be YYYY-MM-DD, e.g. 2024-02-18.');
  }
  if (pattern?.includes('[01]\\d|2[0-3]')) {
    return text('Jam harus berformat JJ:MM (00:00–23:59), misalnya 08:00.', 'Time must be HH:MM (00:00–23:59), e.g. 08:00.');
  }
  if (pattern?.includes('[a-z0-9-]')) {
    return text(
      'Hanya boleh huruf kecil a–z, angka 0–9 dan tanda minus (-).',
      'Only lowercase letters a–z, digits 0–9 and hyphens (-) are allowed.',
    );
  }
  return text(`Format tidak sesuai (pola ${pattern ?? '?'}).`, `Wrong format (pattern ${pattern ?? '?'}).`);
}

const quote = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : String(v));

function bound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, limit: number | bigint): LocalizedText {
  const small = issue.code === 'too_small';
  const n = Number(limit);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'string':
      if (small && n <= 1) return text('Tidak boleh kosong.', 'Must not be empty.');
      return small
        ? text(`Minimal ${n} karakter.`, `Must have at least ${n} characters.`)
        : text(`Maksimal ${n} karakter.`, `Must have at most ${n} characters.`);
    case 'array':
    case 'set':
      if (small && n <= 1) return text('Daftar tidak boleh kosong: isi minimal satu.', 'List must not be empty: give at least one.');
      return small
        ? text(`Daftar harus berisi minimal ${n} butir.`, `List must have at least ${n} items.`)
        : text(`Daftar boleh berisi paling banyak ${n} butir.`, `List may have at most ${n} items.`);
    default:
      if (small) {
        return inclusive
          ? text(`Nilai minimal ${n}.`, `Must be at least ${n}.`)
          : text(`Nilai harus lebih besar dari ${n}.`, `Must be greater than ${n}.`);
      }
      return inclusive
        ? text(`Nilai maksimal ${n}.`, `Must be at most ${n}.`)
        : text(`Nilai harus lebih kecil dari ${n}.`, `Must be less than ${n}.`);
  }
}

/**
 * A zod issue as a bilingual sentence. zod's own text is English only and speaks of "input";
 * clerks and chairs read Indonesian, so every code we can meet in a setup file gets its own wording.
 */
export function zodIssueMessage(issue: z.core.$ZodIssue, input: unknown): LocalizedText {
  switch (issue.code) {
    case 'invalid_type': {
      const at = valueAt(input, issue.path);
      if (!at.found || at.value === undefined) {
        return text(
          `Wajib diisi: bagian ini tidak ada (diharapkan ${typeName(issue.expected).id}).`,
          `Required: this field is missing (expected ${typeName(issue.expected).en}).`,
        );
      }
      const expected = typeName(issue.expected);
      const received = typeName(jsonTypeOf(at.value));
      if (issue.expected === 'int') {
        return text(`Harus bilangan bulat, bukan ${quote(at.value)}.`, `Must be a whole number, not ${quote(at.value)}.`);
      }
      return text(
        `Jenis isian salah: diharapkan ${expected.id}, tertulis ${received.id}.`,
        `Wrong type: expected ${expected.en}, got ${received.en}.`,
      );
    }
    case 'too_small':
      return bound(issue, issue.minimum);
    case 'too_big':
      return bound(issue, issue.maximum);
    case 'invalid_format':
      if (issue.format === 'regex') return regexMessage(issue.pattern);
      return text(`Format tidak sesuai (${issue.format}).`, `Wrong format (${issue.format}).`);
    case 'invalid_value': {
      const options = issue.values.map(quote).join(', ');
      return issue.values.length === 1
        ? text(`Nilai harus ${options}.`, `Must be ${options}.`)
        : text(`Nilai harus salah satu dari: ${options}.`, `Must be one of: ${options}.`);
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.map(quote).join(', ');
      return text(`Bagian tidak dikenal: ${keys}. Periksa ejaannya.`, `Unknown field(s): ${keys}. Check the spelling.`);
    }
    case 'invalid_union':
      if (issue.discriminator !== undefined && 'options' in issue && issue.options) {
        const options = issue.options.map(quote).join(', ');
        return text(
          `Nilai "${issue.discriminator}" tidak dikenal; harus salah satu dari: ${options}.`,
          `Unknown "${issue.discriminator}"; must be one of: ${options}.`,
        );
      }
      return text('Isian tidak cocok dengan bentuk mana pun yang diizinkan.', 'Does not match any allowed shape.');
    case 'not_multiple_of':
      return text(`Nilai harus kelipatan ${issue.divisor}.`, `Must be a multiple of ${issue.divisor}.`);
    case 'invalid_key':
      return text('Kunci tidak valid.', 'Invalid key.');
    case 'invalid_element':
      return text('Isi tidak valid.', 'Invalid entry.');
    case 'custom':
      return text(`Isian tidak valid: ${issue.message}`, `Invalid: ${issue.message}`);
    default:
      return text('Isian tidak valid.', 'Invalid value.');
  }
}

/** All zod issues of a failed parse as setup issues (paths in `desa[3].tps[5]` form). */
export function zodIssues(error: z.ZodError, input: unknown): SetupIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: zodIssueMessage(issue, input) }));
}
