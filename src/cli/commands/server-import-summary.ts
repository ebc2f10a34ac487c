import { randomInt } from 'node:crypto';
import { text } from '../../domain/common/text.ts';
import { HASH_GROUP_COUNT, pickGroupPositions } from '../../domain/summary/index.ts';
import { coverageText } from '../../server/kabupaten/coverage.ts';
import { importSummaryFile } from '../../server/kabupaten/service.ts';
import { parseCommandArgs, stringOption } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import { readJsonFile, writeJson, type CommandContext } from '../io.ts';
import { serverKeyFor, STORAGE_OPTIONS, withStorage } from './server-storage.ts';

const GROUP = /^(\d{1,2}):([0-9a-fA-F\s]{1,8})$/;

/** `3:AB12,11:9f0c` → groups numbered as printed (1–16). */
function parseGroups(value: string): { group: number; typed: string }[] | null {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length !== 2) return null;
  const groups = parts.map((p) => {
    const m = GROUP.exec(p);
    return m ? { group: Number(m[1]), typed: m[2]! } : null;
  });
  if (groups.some((g) => g === null || g.group < 1 || g.group > HASH_GROUP_COUNT)) return null;
  const [a, b] = groups as { group: number; typed: string }[];
  return a!.group === b!.group ? null : [a!, b!];
}

/**
 * `rekap server import-summary <summary.json> --groups <n>:<xxxx>,<n>:<xxxx> [--replace] [--json]`:
 * the kabupaten admin imports a kecamatan's signed summary (same checks as POST
 * /api/kabupaten/summaries, any kecamatan this server holds). Without --groups it names two
 * random groups to read from the paper D.Hasil, so the answer cannot be prepared from the file.
 * Where the kecamatan's devices sync to this server, every TPS figure is compared with its forms
 * and the coverage printed is what it holds as final (docs/integrity.md "Kabupaten view").
 * Exit 0 imported (or already imported), 1 refused, 2 bad input.
 */
export async function serverImportSummary({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs('server import-summary', args, { groups: { type: 'string' }, replace: { type: 'boolean' }, json: { type: 'boolean' }, ...STORAGE_OPTIONS }, 1);
  const file = parsed.positionals[0];
  if (!file) throw new CliError(text('"rekap server import-summary" memerlukan berkas ringkasan.', '"rekap server import-summary" needs a summary file.'));
  const groupsOption = stringOption(parsed, 'groups');
  if (groupsOption === undefined) {
    const [a, b] = pickGroupPositions((n) => randomInt(n)).map((p) => p + 1);
    throw new CliError(
      text(
        `Ketik dua kelompok hash dari kertas D.Hasil yang ditandatangani: --groups ${a}:xxxx,${b}:xxxx (kelompok ke-${a} dan ke-${b}).`,
        `Type two hash groups from the signed paper D.Hasil: --groups ${a}:xxxx,${b}:xxxx (groups ${a} and ${b}).`,
      ),
    );
  }
  const groups = parseGroups(groupsOption);
  if (!groups) {
    throw new CliError(
      text(
        `--groups harus dua kelompok berbeda bernomor 1–16, mis. --groups 3:AB12,11:9F0C (diberikan "${groupsOption}").`,
        `--groups must be two different groups numbered 1–16, e.g. --groups 3:AB12,11:9F0C (given "${groupsOption}").`,
      ),
    );
  }
  const value = await readJsonFile(file);
  const result = await withStorage(parsed, async (storage) => {
    const serverKey = await serverKeyFor(storage, parsed);
    return importSummaryFile({ storage, serverKey, now: () => new Date() }, { value, groups, replace: parsed.values.replace === true, importedBy: 'admin', kabupaten: null });
  });
  const json = parsed.values.json === true;
  if (!result.ok) {
    const unreadable = result.error.failures.some((f) => f.kind === 'unreadable');
    if (json) writeJson(io, { imported: false, refusals: result.error.failures.map((f) => f.kind), message: result.error.text[lang] });
    else io.err(`${lang === 'id' ? 'DITOLAK' : 'REFUSED'}: ${file} — ${result.error.text[lang]}\n`);
    return unreadable ? EXIT.badInput : EXIT.findings;
  }
  const { status, summary, replaced, coverage } = result.value;
  if (json) {
    writeJson(io, { imported: true, ...result.value });
    return EXIT.ok;
  }
  const where = `${summary.kecamatan.name} (${summary.kecamatan.code}), ${summary.contests.join(', ')}`;
  const head =
    status === 'unchanged'
      ? lang === 'id'
        ? `Sudah diimpor sebelumnya (tidak berubah): ${where}.`
        : `Already imported (unchanged): ${where}.`
      : lang === 'id'
        ? `Diimpor: ${where}.`
        : `Imported: ${where}.`;
  const lines = [head, `SHA-256: ${summary.hash}`, lang === 'id' ? `Penanda tangan: ${summary.signerName}, sidik jari ${summary.fingerprint}.` : `Signer: ${summary.signerName}, fingerprint ${summary.fingerprint}.`];
  for (const c of coverage) lines.push(coverageText(c.contest, c)[lang]);
  for (const r of replaced) lines.push(lang === 'id' ? `Menggantikan ${r.contest}: ${r.hash} (tetap tersimpan dalam riwayat).` : `Replaces ${r.contest}: ${r.hash} (kept in the history).`);
  io.out(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
