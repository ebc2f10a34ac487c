import { open, unlink } from 'node:fs/promises';
import { text } from '../../domain/common/text.ts';
import { fingerprint, generateKeyPair } from '../../domain/crypto/keys.ts';
import { exportPrivateJwk, publicPart } from '../../domain/summary/keyfile.ts';
import { parseCommandArgs, requireOption, stringOption } from '../args.ts';
import { CliError, EXIT, type ExitCode } from '../errors.ts';
import { writeFileAtomic, type CommandContext } from '../io.ts';

function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Creates the file readable by its owner only (0600) and never over an existing one: overwriting a
 * key would silently orphan every summary it signed.
 */
async function writePrivateFile(path: string, content: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'EEXIST') {
      throw new CliError(
        text(`Berkas ${path} sudah ada; kunci lama tidak ditimpa. Pilih nama lain.`, `File ${path} already exists; an existing key is never overwritten. Choose another name.`),
      );
    }
    if (code === 'ENOENT') throw new CliError(text(`Folder untuk ${path} tidak ada.`, `The folder for ${path} does not exist.`));
    throw new CliError(text(`Berkas ${path} tidak dapat ditulis (${code ?? String(error)}).`, `File ${path} cannot be written (${code ?? String(error)}).`));
  }
  try {
    // The umask could have narrowed the mode further, never widened it; set it exactly anyway.
    await handle.chmod(0o600);
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(path).catch(() => undefined);
    throw error;
  }
  await handle.close();
}

/** `rekap keygen -o <key.jwk> [--public <public.jwk>]`: a new P-256 signing key; prints its fingerprint. */
export async function keygenCommand({ args, io, lang }: CommandContext): Promise<ExitCode> {
  const parsed = parseCommandArgs('keygen', args, { output: { type: 'string', short: 'o' }, public: { type: 'string' } }, 0);
  const outFile = requireOption(parsed, 'keygen', 'output', '-o');
  const publicFile = stringOption(parsed, 'public');

  const pair = await generateKeyPair(true);
  const jwk = await exportPrivateJwk(pair.privateKey);
  await writePrivateFile(outFile, `${JSON.stringify(jwk, null, 2)}\n`);
  if (publicFile !== undefined) await writeFileAtomic(publicFile, `${JSON.stringify(publicPart(jwk), null, 2)}\n`);

  const print = await fingerprint(publicPart(jwk));
  io.out(
    lang === 'id'
      ? `Kunci penandatanganan ditulis ke ${outFile} (hanya pemiliknya yang dapat membaca; jangan dibagikan).\n` +
          (publicFile ? `Kunci publik ditulis ke ${publicFile}.\n` : '') +
          `Sidik jari: ${print}\n`
      : `Signing key written to ${outFile} (readable by its owner only; do not share it).\n` +
          (publicFile ? `Public key written to ${publicFile}.\n` : '') +
          `Fingerprint: ${print}\n`,
  );
  return EXIT.ok;
}
