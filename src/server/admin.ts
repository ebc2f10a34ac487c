import type { Role } from '../api/roles.ts';
import { sha256Hex } from '../domain/canonical/hash.ts';
import { canonicalJson } from '../domain/canonical/json.ts';
import { err, ok, type Result } from '../domain/common/result.ts';
import { text, type LocalizedText } from '../domain/common/text.ts';
import { desaOfPanel } from '../domain/setup/lookup.ts';
import type { Setup } from '../domain/setup/schema.ts';
import { enrolCodeHash, newEnrolCode, normaliseEnrolCode } from './auth/secrets.ts';
import type { Storage } from './storage/types.ts';

/** Enrolment codes are for the plenary at hand: a day is long enough to walk to the laptop. */
export const DEFAULT_CODE_TTL_MS = 24 * 60 * 60 * 1000;

export interface IssuedCode {
  code: string;
  role: Role;
  panel: string | null;
  expiresAt: string;
}

export interface CodeDeps {
  storage: Storage;
  now: () => Date;
  codeTtlMs?: number;
}

/**
 * A one-time code for a device of the kecamatan. A clerk code names its panel, and that panel must
 * take at least one desa in the schedule (otherwise the clerk could write nothing). Only the hash
 * is stored: the code is shown once.
 */
export async function issueCode(
  deps: CodeDeps,
  request: { kecamatan: string; role: Role; panel: string | null; createdBy: string },
): Promise<Result<IssuedCode, LocalizedText>> {
  const kec = await deps.storage.kecamatan(request.kecamatan);
  if (!kec) return err(text(`Kecamatan ${request.kecamatan} belum dibuat di server ini.`, `Kecamatan ${request.kecamatan} does not exist on this server.`));
  const { setup } = kec;
  const { role, panel } = request;
  if (panel !== null && !setup.panels.some((p) => p.id === panel)) {
    const known = setup.panels.map((p) => p.id).join(', ');
    return err(text(`Panel ${panel} tidak ada dalam setup (ada: ${known}).`, `Panel ${panel} is not in the setup (known: ${known}).`));
  }
  if (role === 'clerk') {
    if (panel === null) return err(text('Kode petugas panel memerlukan panelnya (--panel).', 'A clerk code needs its panel (--panel).'));
    if (desaOfPanel(setup, panel).length === 0) {
      return err(
        text(
          `Panel ${panel} belum mendapat desa dalam jadwal setup, jadi petugasnya tidak dapat menulis apa pun.`,
          `Panel ${panel} takes no desa in the setup's schedule, so its clerk could write nothing.`,
        ),
      );
    }
  }
  const code = newEnrolCode();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + (deps.codeTtlMs ?? DEFAULT_CODE_TTL_MS)).toISOString();
  await deps.storage.insertCode({
    codeHash: await enrolCodeHash(normaliseEnrolCode(code)!),
    kecamatan: request.kecamatan,
    role,
    panel,
    createdAt: now.toISOString(),
    expiresAt,
    createdBy: request.createdBy,
  });
  return ok({ code, role, panel, expiresAt });
}

export async function setupHash(setup: Setup): Promise<string> {
  return sha256Hex(canonicalJson(setup));
}

/** Creates the kecamatan from a validated setup and returns the chair's first code. */
export async function initKecamatan(deps: CodeDeps, setup: Setup): Promise<Result<{ kecamatan: string; chairCode: IssuedCode }, LocalizedText>> {
  const created = await deps.storage.createKecamatan(setup, await setupHash(setup), deps.now().toISOString());
  const code = setup.kecamatan.code;
  if (!created) {
    return err(
      text(
        `Kecamatan ${code} (${setup.kecamatan.name}) sudah ada di server ini; buat kode baru dengan "rekap server code".`,
        `Kecamatan ${code} (${setup.kecamatan.name}) already exists on this server; make a new code with "rekap server code".`,
      ),
    );
  }
  const chair = await issueCode(deps, { kecamatan: code, role: 'chair', panel: null, createdBy: 'admin' });
  if (!chair.ok) return chair;
  return ok({ kecamatan: code, chairCode: chair.value });
}
