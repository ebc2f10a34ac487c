import type { AuditAlarmReport, AuditHeadResponse, EnrolRequest, EnrolResponse, PushRequest, PushResponse, RecordAuditResponse, Role } from '../api/index.ts';
import type { AuditEntry } from '../domain/audit/index.ts';
import { text, type LocalizedText } from '../domain/common/text.ts';
import { networkCauseText, type NetworkCause } from '../domain/errors/index.ts';
import type { BlobTransport } from './blobTransport.ts';
import type { PulledPage } from './pulledPage.ts';
import type { RequestSigner } from './signRequest.ts';

/**
 * How the engine talks to a server. The HTTP implementation is http.ts; tests plug in an
 * in-memory server or one that loses, repeats and delays answers.
 */
export interface Transport {
  enrol(request: EnrolRequest): Promise<EnrolResponse>;
  /** POST /api/push: the ops with their manifest and its signature (src/sync/sign.ts). */
  push(request: PushRequest): Promise<PushResponse>;
  /** GET /api/pull: a page, with the changes that could not be read set apart (src/sync/pulledPage.ts). */
  pull(since: number, limit: number): Promise<PulledPage>;
  /** POST /api/codes, signed with the chair's device key (src/sync/signRequest.ts). */
  issueCode(role: Role, panel: string | null, signer: RequestSigner): Promise<IssuedCode>;
  /** The next segment of this device's audit chain (POST /api/audit); answers the server's head. */
  pushAudit(entries: AuditEntry[]): Promise<AuditHeadResponse>;
  /** The last entry of this device's chain the server holds (GET /api/audit/head). */
  auditHead(): Promise<AuditHeadResponse>;
  /** Every device's entries about one record (GET /api/audit?record=…). */
  recordAudit(key: string): Promise<RecordAuditResponse>;
  /** The kecamatan's latest entries, newest first; `prefix`: a desa or TPS code (GET /api/audit/recent). */
  recentAudit(prefix: string | null): Promise<RecordAuditResponse>;
  /** POST /api/audit/alarm: this device's receipt contradicts the server's answer (logged there). Optional: test transports may leave it out. */
  reportAuditAlarm?(report: AuditAlarmReport): Promise<void>;
  /** PUT/GET /api/blobs (photo bytes, src/sync/photoBlobs.ts). Optional: test transports may leave them out. */
  putBlob?: BlobTransport['putBlob'];
  getBlob?: BlobTransport['getBlob'];
}

export interface IssuedCode {
  code: string;
  role: Role;
  panel: string | null;
  expiresAt: string;
  /** Where other devices reach the server, when the server knows it (PUBLIC_URL or its LAN address). */
  serverUrl?: string | null | undefined;
}

/**
 * Why a request got no usable answer. `network`: nothing came back (offline, refused, timed out) —
 * the request may or may not have been processed. `server`: 5xx. `refused`: 4xx (bad token,
 * forbidden, bad request). `protocol`: an answer that does not follow the contract.
 */
export type TransportFailure =
  | { kind: 'network'; message: LocalizedText }
  | { kind: 'server'; status: number; message: LocalizedText }
  /** `body`: the problem as sent, for answers that carry more than the message (a refused audit chain). */
  | { kind: 'refused'; status: number; code: string; message: LocalizedText; body?: unknown }
  | { kind: 'protocol'; message: LocalizedText };

export class TransportError extends Error {
  constructor(readonly failure: TransportFailure) {
    super(failure.message.en);
    this.name = 'TransportError';
  }
}

export const transportFailure = {
  /** Nothing came back: why, as far as the caller knows (never the browser's "Failed to fetch"). */
  network: (cause: NetworkCause): TransportFailure => {
    const why = networkCauseText(cause);
    return {
      kind: 'network',
      message: text(
        `Server tidak terjangkau: ${why.id}. Perubahan tetap tersimpan di perangkat ini dan dikirim nanti.`,
        `Server unreachable: ${why.en}. Changes stay on this device and are sent later.`,
      ),
    };
  },
  server: (status: number, detail?: LocalizedText): TransportFailure => ({
    kind: 'server',
    status,
    message: detail ?? text(`Server sedang bermasalah (HTTP ${status}); dicoba lagi nanti.`, `The server has a problem (HTTP ${status}); retrying later.`),
  }),
  /** `detail`: what is wrong with the answer, in both languages. */
  protocol: (detail: LocalizedText): TransportFailure => ({
    kind: 'protocol',
    message: text(`Jawaban server tidak sesuai protokol: ${detail.id}`, `The server's answer does not follow the protocol: ${detail.en}`),
  }),
};
