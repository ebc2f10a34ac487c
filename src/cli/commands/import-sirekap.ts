import { text } from '../../domain/common/text.ts';
import { TALLIES_FORMAT, TalliesFileSchema, type Tally } from '../../domain/tally/tally.ts';
import { parseCommandArgs, requireOption, stringOption } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import { readJsonFile, writeFileAtomic, type CommandContext } from '../io.ts';
import { assertSameKecamatan, loadSetup, schemaError } from '../load.ts';
import { importSirekap } from '../sirekap/convert.ts';
import { SirekapDumpSchema } from '../sirekap/schema.ts';

const hasVotes = (t: Tally): boolean => Object.values(t.votes).some((v) => v !== null);
const hasAdministrasi = (t: Tally): boolean =>
  t.valid !== null || t.invalid !== null || t.total !== null || Object.values(t.voters).some((r) => r.total !== null || r.male !== null || r.female !== null);

/** `rekap import-sirekap <dump.json> [--setup <setup.json>] -o <tallies.json>`. */
export async function importSirekapCommand({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs(
    'import-sirekap',
    args,
    { setup: { type: 'string' }, output: { type: 'string', short: 'o' } },
    1,
  );
  const dumpFile = parsed.positionals[0];
  if (dumpFile === undefined) {
    throw new CliError(text('"rekap import-sirekap" memerlukan <dump.json>.', '"rekap import-sirekap" needs <dump.json>.'));
  }
  const outFile = requireOption(parsed, 'import-sirekap', 'output', '-o');
  const setupFile = stringOption(parsed, 'setup');

  const raw = await readJsonFile(dumpFile);
  const dumpResult = SirekapDumpSchema.safeParse(raw);
  if (!dumpResult.success) throw schemaError(dumpFile, text('dump Sirekap', 'Sirekap dump'), dumpResult.error, { root: raw });
  const dump = dumpResult.data;

  const setup = setupFile === undefined ? undefined : await loadSetup(setupFile);
  if (setup && setupFile) assertSameKecamatan(setup, dump.kecamatan.code, dumpFile);

  const result = importSirekap(dump, setup);
  if (result.notInSetup.length > 0) {
    const list = result.notInSetup.join(', ');
    io.err(
      lang === 'id'
        ? `Peringatan: ${result.notInSetup.length} TPS di ${dumpFile} tidak ada di setup dan dilewati: ${list}.\n`
        : `Warning: ${result.notInSetup.length} TPS in ${dumpFile} are not in the setup and were skipped: ${list}.\n`,
    );
  }

  // The output must be readable by every other tool: a failure here is a bug in the converter.
  const file = TalliesFileSchema.parse({ format: TALLIES_FORMAT, kecamatan: dump.kecamatan.code, tallies: result.tallies });
  await writeFileAtomic(outFile, `${JSON.stringify(file, null, 2)}\n`);

  const n = file.tallies.length;
  const votes = file.tallies.filter(hasVotes).length;
  const adm = file.tallies.filter(hasAdministrasi).length;
  const missing = setup ? result.withoutFile.length : 0;
  io.out(
    lang === 'id'
      ? `${n} tally PPWP ditulis ke ${outFile} (${votes} dengan perolehan suara, ${adm} dengan data administrasi` +
          (setup ? `, ${missing} TPS setup tanpa berkas Sirekap` : '') +
          `); status "draft": angka hasil OCR Sirekap, belum dimasukkan atau diperiksa oleh petugas.\n`
      : `${n} PPWP tallies written to ${outFile} (${votes} with votes, ${adm} with administrasi` +
          (setup ? `, ${missing} setup TPS without a Sirekap file` : '') +
          `); status "draft": Sirekap OCR figures, not entered or checked by a person.\n`,
  );
  return EXIT.ok;
}
