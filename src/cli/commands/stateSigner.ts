import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { text } from '../../domain/common/text.ts';
import { exportPublicJwk, type PublicKeyJwk } from '../../domain/crypto/keys.ts';
import type { Setup } from '../../domain/setup/schema.ts';
import { DeviceAttestationSchema, sameKey, type SignerRole, type SummaryAttestation } from '../../domain/summary/index.ts';
import { SqliteSyncStore } from '../../sync/node/sqliteStore.ts';
import { StateError } from '../../sync/node/stateError.ts';
import { CliError } from '../errors.ts';

/** What `rekap sign-summary --state <dir>` signs with: the headless client's enrolled device. */
export interface StateSigner {
  key: CryptoKey;
  publicKey: PublicKeyJwk;
  role: SignerRole;
  kecamatan: string;
  /** The server's key and its statement about this device, both as kept at enrolment. */
  attestation: SummaryAttestation;
  /** The setup the server gave at enrolment (null: none kept). */
  setup: Setup | null;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * The device key and server attestation of a `rekap sync --state <dir>` folder (docs/integrity.md
 * "Commands"): a scripted chair signs with the key the server attested, without copying key
 * files around. Opening the folder takes its lock, as every command on it does; a folder that
 * holds no state is refused rather than made (a typo must not mint a new key).
 */
export async function loadStateSigner(dir: string): Promise<StateSigner> {
  if (!(await exists(SqliteSyncStore.file(dir))) && !(await exists(join(dir, 'state.json')))) {
    throw new CliError(
      text(
        `${dir} bukan folder status "rekap sync": daftarkan dulu dengan "rekap sync --server <url> --state ${dir} --code <kode ketua> pull -o <berkas>".`,
        `${dir} is not a "rekap sync" state folder: enrol it first with "rekap sync --server <url> --state ${dir} --code <chair code> pull -o <file>".`,
      ),
    );
  }
  let store: SqliteSyncStore;
  try {
    store = await SqliteSyncStore.open(dir);
  } catch (error) {
    if (error instanceof StateError) throw new CliError(error.text);
    throw error;
  }
  try {
    const enrolment = await store.transaction((tx) => tx.getMeta('enrolment'));
    if (!enrolment) throw new CliError(text(`Folder status ${dir} belum terdaftar di server.`, `State folder ${dir} is not enrolled with a server.`));
    const statement = DeviceAttestationSchema.parse(enrolment.attestation);
    const pair = await store.deviceKey();
    const publicKey = await exportPublicJwk(pair.publicKey);
    if (!sameKey(publicKey, statement.publicKey)) {
      throw new CliError(
        text(
          `Kunci perangkat di ${dir} bukan kunci yang disahkan server saat pendaftaran (device-key.json diganti atau hilang).`,
          `The device key in ${dir} is not the key the server attested at enrolment (device-key.json was replaced or lost).`,
        ),
      );
    }
    return { key: pair.privateKey, publicKey, role: statement.role, kecamatan: statement.kecamatan, attestation: { serverKey: enrolment.serverKey, statement }, setup: await store.setup() };
  } finally {
    await store.close();
  }
}
