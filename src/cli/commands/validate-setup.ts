import { text } from '../../domain/common/text.ts';
import { allTps } from '../../domain/setup/lookup.ts';
import { parseCommandArgs } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import type { CommandContext } from '../io.ts';
import { readSetup } from '../load.ts';

/** `rekap validate-setup <setup.json>`: 0 with a one-line summary, or 2 with every issue listed. */
export async function validateSetupCommand({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs('validate-setup', args, {}, 1);
  const file = parsed.positionals[0];
  if (file === undefined) {
    throw new CliError(text('"rekap validate-setup" memerlukan <setup.json>.', '"rekap validate-setup" needs <setup.json>.'));
  }
  const result = await readSetup(file);
  if (!result.ok) {
    const count = result.issues.length;
    io.err(
      lang === 'id'
        ? `Setup ${file} tidak sah: ${count} masalah.\n`
        : `Setup ${file} is invalid: ${count} issue${count === 1 ? '' : 's'}.\n`,
    );
    for (const issue of result.issues) io.err(`  ${issue.path}: ${issue.message[lang]}\n`);
    return EXIT.badInput;
  }
  const { setup } = result;
  const tps = allTps(setup).length;
  const contests = setup.contests.map((c) => c.id).join(', ');
  const where = `${setup.kecamatan.name} (${setup.kecamatan.code})`;
  io.out(
    lang === 'id'
      ? `Setup sah: Kecamatan ${where}, ${setup.desa.length} desa, ${tps} TPS, ${setup.contests.length} jenis pemilihan (${contests}).\n`
      : `Setup valid: Kecamatan ${where}, ${setup.desa.length} desa, ${tps} TPS, ${setup.contests.length} contests (${contests}).\n`,
  );
  return EXIT.ok;
}
