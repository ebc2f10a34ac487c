import { err, ok, type Result } from '../common/result.ts';
import { text, type LocalizedText } from '../common/text.ts';
import { assertNever } from '../tally/contest.ts';
import { SUMMARY_FORMAT, SummaryFileSchema, type SummaryFile } from './schema.ts';

/**
 * Why a file cannot even be verified (the CLI's exit 2): it is not JSON (a truncated download), not
 * a summary at all, or a summary whose structure is broken. Verification proper starts after this.
 */
export type SummaryReadFailure =
  | { kind: 'not-json'; detail: string }
  | { kind: 'wrong-format'; found: string | null }
  | { kind: 'invalid-structure'; path: string; message: string };

/** The file as read (what the signature and hash cover) and as typed (what the checks read). */
export interface ReadSummary {
  raw: object;
  summary: SummaryFile;
}

export function readSummaryText(content: string): Result<ReadSummary, SummaryReadFailure> {
  let value: unknown;
  try {
    // A UTF-8 BOM (Windows editors) is not JSON but harmless; it is not part of the canonical form.
    value = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (error) {
    return err({ kind: 'not-json', detail: error instanceof Error ? error.message : String(error) });
  }
  return readSummaryValue(value);
}

export function readSummaryValue(value: unknown): Result<ReadSummary, SummaryReadFailure> {
  const format = value !== null && typeof value === 'object' && 'format' in value ? value.format : undefined;
  if (format !== SUMMARY_FORMAT) {
    return err({ kind: 'wrong-format', found: format === undefined ? null : JSON.stringify(format) });
  }
  const parsed = SummaryFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err({
      kind: 'invalid-structure',
      path: issue ? formatIssuePath(issue.path) : '(root)',
      message: issue?.message ?? 'invalid',
    });
  }
  return ok({ raw: value as object, summary: parsed.data });
}

/** `contests[0].desa[3].tps[2].figures.valid`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(root)' : out;
}

export function readFailureText(f: SummaryReadFailure): LocalizedText {
  switch (f.kind) {
    case 'not-json':
      return text(
        `Berkas bukan JSON yang utuh (terpotong atau rusak?): ${f.detail}.`,
        `The file is not complete JSON (truncated or damaged?): ${f.detail}.`,
      );
    case 'wrong-format':
      return f.found === null
        ? text(`Berkas ini bukan ringkasan ${SUMMARY_FORMAT} (tidak ada "format").`, `This file is not a ${SUMMARY_FORMAT} summary (no "format" field).`)
        : text(
            `Berkas ini bukan ringkasan ${SUMMARY_FORMAT} (format ${f.found}).`,
            `This file is not a ${SUMMARY_FORMAT} summary (format ${f.found}).`,
          );
    case 'invalid-structure':
      return text(
        `Struktur ringkasan rusak di ${f.path}: ${f.message}.`,
        `The summary's structure is broken at ${f.path}: ${f.message}.`,
      );
    default:
      return assertNever(f);
  }
}
