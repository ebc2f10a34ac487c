import { text, type Language } from '../domain/common/text.ts';
import { installNodeSha256 } from '../server/nodeSha256.ts';
import { languageOf } from './args.ts';
import { CliError, EXIT, type ExitCode } from './errors.ts';
import { processIo, type CliIo, type CommandContext } from './io.ts';
import { USAGE } from './usage.ts';

type Command = (ctx: CommandContext) => Promise<ExitCode>;

/** Loaded on demand: `--help` stays instant and one command's dependencies cannot break another. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  'validate-setup': async () => (await import('./commands/validate-setup.ts')).validateSetupCommand,
  'import-sirekap': async () => (await import('./commands/import-sirekap.ts')).importSirekapCommand,
  totals: async () => (await import('./commands/totals.ts')).totalsCommand,
  check: async () => (await import('./commands/check.ts')).checkCommand,
  keygen: async () => (await import('./commands/keygen.ts')).keygenCommand,
  'sign-summary': async () => (await import('./commands/sign-summary.ts')).signSummaryCommand,
  verify: async () => (await import('./commands/verify.ts')).verifyCommand,
  prove: async () => (await import('./commands/prove.ts')).proveCommand,
  'verify-proof': async () => (await import('./commands/verify-proof.ts')).verifyProofCommand,
  server: async () => (await import('./commands/server.ts')).serverCommand,
  sync: async () => (await import('./commands/sync.ts')).syncCommand,
};

const isHelpFlag = (arg: string | undefined) => arg === '--help' || arg === '-h';

/**
 * Entry point of `rekap` (bin/rekap.mjs): runs one command and returns its exit code instead of
 * exiting, so tests call it in-process. Expected failures print one sentence; anything else is a
 * bug and exits 70, with the stack only when REKAP_DEBUG=1.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const lang: Language = languageOf(argv);
  const [name, ...args] = argv;
  try {
    if (name === undefined || name === 'help' || isHelpFlag(name)) {
      io.out(USAGE);
      return EXIT.ok;
    }
    // Every command hashes (records, summaries, chains): Node's SHA-256 rather than Web Crypto's.
    installNodeSha256();
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load) {
      throw new CliError(
        text(
          `Perintah "${name}" tidak dikenal; lihat "rekap --help".`,
          `Unknown command "${name}"; see "rekap --help".`,
        ),
      );
    }
    if (args.some(isHelpFlag)) {
      io.out(USAGE);
      return EXIT.ok;
    }
    const command = await load();
    return await command({ args, io, lang });
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`rekap: ${error.text[lang]}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(
      `rekap: ${lang === 'id' ? 'galat internal' : 'internal error'}: ${message.split('\n')[0]}` +
        `${lang === 'id' ? ' (REKAP_DEBUG=1 untuk detail)' : ' (set REKAP_DEBUG=1 for details)'}\n`,
    );
    if (process.env.REKAP_DEBUG === '1' && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    return EXIT.internal;
  }
}
