/**
 * Row types of the tables added in schema v3. Each feature refines its own row type here (the
 * owners: objections/finalisations — chair's view; sync/conflicts — sync; audit — integrity) and
 * validates rows with zod where it reads them.
 */

/** A Model D.Kejadian Khusus dan/atau Keberatan entry. Defined by the chair's view. */
export interface ObjectionRow {
  id: string;
  desa: string;
  tps: string | null;
  contest: string | null;
  [field: string]: unknown;
}

/** A finalised (or reopened) desa × contest or kecamatan × contest. Key `<desa or kecamatan>:<contest>`. */
export interface FinalisationRow {
  key: string;
  desa: string;
  contest: string;
  [field: string]: unknown;
}

/** Key-value sync state of this device (enrolment, token, checkpoint, key pair). */
export interface SyncRow {
  key: string;
  value: unknown;
}

/** A server version that met a record with local changes, waiting for a person to resolve it. */
export interface ConflictRow {
  key: string;
  [field: string]: unknown;
}

/** One entry of this device's signed, hash-chained audit trail. */
export interface AuditRow {
  id?: number;
  key: string;
  [field: string]: unknown;
}
