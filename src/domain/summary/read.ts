import { err, ok, type Result } from '../common/result.ts';
import { text, type LocalizedText } from '../common/text.ts';
import { LONE_SURROGATE_TEXT, loneSurrogateAt } from '../canonical/wellFormed.ts';
import { formatPath, parseJsonText, placeText, zodPathIssues } from '../errors/index.ts';
import { assertNever } from '../tally/contest.ts';
import { readSummaryFast } from './fastRead.ts';
import { SUMMARY_FORMAT, SummaryFileSchema } from './schema.ts';
import { SUMMARY_FORMAT_V2, SummaryFileV2Schema, type AnySummaryFile } from './schemaV2.ts';

/**
 * Why a file cannot even be verified (the CLI's exit 2): it is not JSON (a truncated download), not
 * a summary at all, or a summary whose structure is broken. Verification proper starts after this.
 */
export type SummaryReadFailure =
  /** `detail`: where the JSON breaks off or goes wrong, in words (src/domain/errors). */
  | { kind: 'not-json'; detail: LocalizedText }
  | { kind: 'wrong-format'; found: string | null }
  | { kind: 'invalid-structure'; path: string; message: LocalizedText };

/**
 * The file as read (what the signature and hash cover) and as typed (what the checks read). The two
 * may share objects (readSummaryFast): neither is to be modified.
 */
export interface ReadSummary {
  raw: object;
  summary: AnySummaryFile;
  /** The JSON text `raw` was parsed from, when known: if canonical, it is hashed as it is (canonicalForms). */
  text?: string;
}

export function readSummaryText(content: string): Result<ReadSummary, SummaryReadFailure> {
  // A UTF-8 BOM (Windows editors) is not JSON but harmless; parseJsonText skips it, and it is not part of the canonical form.
  const parsed = parseJsonText(content, text('Berkas', 'The file'));
  return parsed.ok ? readSummaryValue(parsed.value, content.replace(/^\uFEFF/, '')) : err({ kind: 'not-json', detail: parsed.error });
}

/** `source`, if given, must be the JSON text `value` was parsed from (without a BOM). */
export function readSummaryValue(value: unknown, source?: string): Result<ReadSummary, SummaryReadFailure> {
  const format = value !== null && typeof value === 'object' && 'format' in value ? value.format : undefined;
  if (format !== SUMMARY_FORMAT && format !== SUMMARY_FORMAT_V2) {
    return err({ kind: 'wrong-format', found: format === undefined ? null : JSON.stringify(format) });
  }
  // Canonical JSON (hash, signature) cannot hold a lone surrogate: refused here, not thrown later.
  // Only a \uD800–\uDFFF escape can bring one out of UTF-8 text, so the text spares the walk.
  if (source === undefined || SURROGATE_ESCAPE.test(source)) {
    const at = loneSurrogateAt(value);
    if (at !== null) return err({ kind: 'invalid-structure', path: formatPath(at), message: LONE_SURROGATE_TEXT });
  }
  // The full schema only when the fast reader is unsure: it alone words the error.
  const fast = readSummaryFast(value);
  if (fast !== null) return ok({ raw: value as object, summary: fast, ...(source === undefined ? {} : { text: source }) });
  const parsed = (format === SUMMARY_FORMAT ? SummaryFileSchema : SummaryFileV2Schema).safeParse(value);
  if (!parsed.success) {
    const [issue] = zodPathIssues(parsed.error, { root: value });
    return err({ kind: 'invalid-structure', path: issue?.path ?? '', message: issue?.message ?? text('Isian tidak valid.', 'Invalid value.') });
  }
  return ok({ raw: value as object, summary: parsed.data, ...(source === undefined ? {} : { text: source }) });
}

const FORMATS = `${SUMMARY_FORMAT} / ${SUMMARY_FORMAT_V2}`;

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

export function readFailureText(f: SummaryReadFailure): LocalizedText {
  switch (f.kind) {
    case 'not-json':
      return f.detail;
    case 'wrong-format':
      return f.found === null
        ? text(`Berkas ini bukan ringkasan ${FORMATS} (tidak ada "format").`, `This file is not a ${FORMATS} summary (no "format" field).`)
        : text(`Berkas ini bukan ringkasan ${FORMATS} (format ${f.found}).`, `This file is not a ${FORMATS} summary (format ${f.found}).`);
    case 'invalid-structure':
      return text(`Struktur ringkasan rusak ${placeText(f.path).id}: ${f.message.id}`, `The summary's structure is broken ${placeText(f.path).en}: ${f.message.en}`);
    default:
      return assertNever(f);
  }
}
