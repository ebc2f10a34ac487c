import { text } from '../../domain/common/text.ts';
import { CliError, type ExitCode } from '../errors.ts';
import type { CommandContext } from '../io.ts';

const SUBCOMMANDS = ['start', 'init', 'code', 'devices', 'revoke', 'import-summary', 'verify-audit', 'attest-devices'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

/** `rekap server start|init|code|devices|revoke|import-summary|verify-audit|attest-devices …`: the sync server and its administration. */
export async function serverCommand(ctx: CommandContext): Promise<ExitCode> {
  const [sub, ...args] = ctx.args;
  if (sub === undefined || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
    const given = sub === undefined ? '' : ` "${sub}"`;
    throw new CliError(
      text(
        `Subperintah server${given} tidak dikenal; pilih salah satu: ${SUBCOMMANDS.join(', ')}.`,
        `Unknown server subcommand${given}; choose one of: ${SUBCOMMANDS.join(', ')}.`,
      ),
    );
  }
  const next = { ...ctx, args };
  switch (sub as Subcommand) {
    case 'start':
      return (await import('./server-start.ts')).serverStart(next);
    case 'init':
      return (await import('./server-admin.ts')).serverInit(next);
    case 'code':
      return (await import('./server-admin.ts')).serverCode(next);
    case 'devices':
      return (await import('./server-admin.ts')).serverDevices(next);
    case 'revoke':
      return (await import('./server-admin.ts')).serverRevoke(next);
    case 'import-summary':
      return (await import('./server-import-summary.ts')).serverImportSummary(next);
    case 'verify-audit':
      return (await import('./server-verify-audit.ts')).serverVerifyAudit(next);
    case 'attest-devices':
      return (await import('./server-attest.ts')).serverAttestDevices(next);
  }
}
