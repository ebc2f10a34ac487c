import { z } from 'zod';
import { PublicKeyJwkSchema, SignatureSchema } from '../crypto/keys.ts';
import { SummaryAttestationSchema } from '../summary/attestation.ts';
import { HashHexSchema } from '../summary/schema.ts';

/**
 * `rekap.backup/v2`: the v1 backup (setup, forms, history, settings, outbox, objections,
 * finalisations) plus the device's signed audit chain and its key, signed as a whole by that key
 * (docs/integrity.md, "Signed backups"). A changed figure, status or chain entry breaks the
 * signature; where the chain names the form, the restore says which form and cell.
 */
export const BACKUP_V2_FORMAT = 'rekap.backup/v2';
/** Domain-separation prefix of a backup's signature (see signText): no other signature fits. */
export const BACKUP_SIGNATURE_DOMAIN = 'rekap.backup/v2';

/** Who signed: the device key, its hash, and the server's attestation of it when enrolled. */
export const BackupSignerSchema = z.strictObject({
  publicKey: PublicKeyJwkSchema,
  keyHash: HashHexSchema,
  /** The enrolment's attestation with the key of the server that signed it (null: never enrolled). */
  attestation: SummaryAttestationSchema.nullable(),
});
export type BackupSigner = z.infer<typeof BackupSignerSchema>;

/**
 * The signed audit chains of the devices whose backups this device restored earlier (issue 15:
 * a form's history survives any number of replacement laptops). A v2 backup carries them in
 * `earlierChains`, covered by its own signature; each chain is also whole and signed by its own
 * device key, so the laptop that passed it on cannot have changed an entry (docs/integrity.md,
 * "Signed backups").
 */
export const EarlierChainSchema = z.strictObject({
  signer: BackupSignerSchema,
  /** The hash of the backup the chain arrived in (the history names it). */
  backup: HashHexSchema,
  audit: z.array(z.unknown()),
});
export type EarlierChain = z.infer<typeof EarlierChainSchema>;

/**
 * The envelope as the domain reads it: the data members stay `unknown` here (their row schemas
 * belong to the database layer, src/db/backup.ts); what is signed is every member but `signature`.
 */
export const SignedBackupEnvelopeSchema = z.looseObject({
  format: z.literal(BACKUP_V2_FORMAT),
  exportedAt: z.string().min(1),
  audit: z.array(z.unknown()),
  signer: BackupSignerSchema,
  /** Absent in files written before histories were carried over. */
  earlierChains: z.array(EarlierChainSchema).optional(),
  signature: SignatureSchema,
});
export type SignedBackupEnvelope = z.infer<typeof SignedBackupEnvelopeSchema>;
