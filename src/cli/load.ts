import type { z } from 'zod';
import { text, type LocalizedText } from '../domain/common/text.ts';
import { zodIssueText } from '../domain/errors/index.ts';
import type { Setup } from '../domain/setup/schema.ts';
import { validateSetup, type SetupIssue } from '../domain/setup/validate.ts';
import { TALLIES_FORMAT, TalliesFileSchema, type TalliesFile } from '../domain/tally/tally.ts';
import { CliError } from './errors.ts';
import { readJsonFile } from './io.ts';

/** `tallies[3].voters.dpt.male`: the same path style as the setup validator's issues. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** Messages are embedded mid-sentence: drop their own final full stop. */
const clause = (message: string): string => message.trim().replace(/\.$/, '');

/** The file's `format` field, if it has one, so a wrong kind of file is named as such. */
function formatField(data: unknown): unknown {
  return data !== null && typeof data === 'object' && 'format' in data ? data.format : undefined;
}

/**
 * One sentence for a schema failure: the file, what it should be, and the first issue with its
 * path, worded in both languages (src/domain/errors), not zod's English. `input`: what was parsed,
 * so the offending value can be quoted.
 */
export function schemaError(file: string, expected: LocalizedText, error: z.ZodError, input?: { root: unknown }): CliError {
  const issue = error.issues[0];
  const path = issue ? formatPath(issue.path) : '';
  const where = path === '' ? text('(seluruh berkas)', '(whole file)') : text(path, path);
  const message = issue ? (input ? zodIssueText(issue, input.root) : zodIssueText(issue)) : text('tidak valid', 'invalid');
  return new CliError(
    text(
      `Berkas ${file} bukan ${expected.id} yang sah: ${where.id}: ${clause(message.id)}.`,
      `File ${file} is not a valid ${expected.en}: ${where.en}: ${clause(message.en)}.`,
    ),
  );
}

export async function loadTallies(file: string): Promise<TalliesFile> {
  const data = await readJsonFile(file);
  const format = formatField(data);
  if (format !== TALLIES_FORMAT) {
    const found = format === undefined ? 'tidak ada "format"' : `format ${JSON.stringify(format)}`;
    const foundEn = format === undefined ? 'no "format" field' : `format ${JSON.stringify(format)}`;
    throw new CliError(
      text(
        `Berkas ${file} bukan berkas ${TALLIES_FORMAT} (${found}).`,
        `File ${file} is not a ${TALLIES_FORMAT} file (${foundEn}).`,
      ),
    );
  }
  const parsed = TalliesFileSchema.safeParse(data);
  if (!parsed.success) throw schemaError(file, text(`berkas ${TALLIES_FORMAT}`, `${TALLIES_FORMAT} file`), parsed.error, { root: data });
  return parsed.data;
}

export type SetupLoad = { ok: true; setup: Setup } | { ok: false; issues: SetupIssue[] };

/** validate-setup wants every issue; the other commands only need the setup or one sentence. */
export async function readSetup(file: string): Promise<SetupLoad> {
  const result = validateSetup(await readJsonFile(file));
  return result.ok ? { ok: true, setup: result.value } : { ok: false, issues: result.error };
}

export async function loadSetup(file: string): Promise<Setup> {
  const result = await readSetup(file);
  if (result.ok) return result.setup;
  const first = result.issues[0];
  const more = result.issues.length - 1;
  const tail = more > 0 ? ` (+${more})` : '';
  throw new CliError(
    text(
      `Berkas ${file} bukan setup yang sah: ${first?.path ?? '(root)'}: ${clause(first?.message.id ?? 'tidak sah')}${tail}; periksa dengan "rekap validate-setup".`,
      `File ${file} is not a valid setup: ${first?.path ?? '(root)'}: ${clause(first?.message.en ?? 'invalid')}${tail}; check it with "rekap validate-setup".`,
    ),
  );
}

/** A setup for another kecamatan would silently report every TPS as missing: refuse it. */
export function assertSameKecamatan(setup: Setup, kecamatan: string, file: string): void {
  if (setup.kecamatan.code !== kecamatan) {
    throw new CliError(
      text(
        `Berkas ${file} untuk kecamatan ${kecamatan}, tetapi setup untuk kecamatan ${setup.kecamatan.code} (${setup.kecamatan.name}).`,
        `File ${file} is for kecamatan ${kecamatan}, but the setup is for kecamatan ${setup.kecamatan.code} (${setup.kecamatan.name}).`,
      ),
    );
  }
}
