import { z } from 'zod';
import {
  ApiErrorSchema,
  AuditAlarmAnswerSchema,
  AuditHeadResponseSchema,
  type AuditAlarmReport,
  RecordAuditResponseSchema,
  CodeResponseSchema,
  EnrolResponseSchema,
  PushResponseSchema,
  type EnrolRequest,
  type PushRequest,
  type Role,
} from '../api/index.ts';
import type { AuditEntry } from '../domain/audit/index.ts';
import { text } from '../domain/common/text.ts';
import { networkCauseOf, zodIssuesSummary } from '../domain/errors/index.ts';
import { httpBlobTransport } from './blobTransport.ts';
import { readPulledPage } from './pulledPage.ts';
import { sendSigned, type RequestSigner } from './signRequest.ts';
import { TransportError, transportFailure, type Transport } from './transport.ts';

export interface HttpTransportOptions {
  /** The server's origin (and base path), e.g. https://ppk-puger.local:8787 */
  serverUrl: string;
  token: string | null;
  fetch?: typeof globalThis.fetch;
  /** A request without an answer after this long counts as a network failure. */
  timeoutMs?: number;
}

/** What the browser says about its connection; undefined where there is no navigator (Node). */
const onLine = (): boolean | undefined => (typeof navigator === 'undefined' ? undefined : navigator.onLine);

/** The server URL as typed, without a trailing slash (and with https:// added when no scheme is given). */
export function normaliseServerUrl(input: string): string {
  const trimmed = input.trim().replace(/\/+$/, '');
  if (trimmed === '') return trimmed;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/** Where and how JSON requests go: the server, the device's token, fetch, and when to give up. */
export interface JsonRequestOptions {
  serverUrl: string;
  token: string | null;
  fetch?: typeof globalThis.fetch;
  timeoutMs: number;
}

export type JsonRequest = <S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown, extraHeaders?: Record<string, string>) => Promise<z.infer<S>>;

/**
 * One request to the /api with the sync error model: nothing back → `network`, 5xx → `server`,
 * 4xx → `refused` (with the problem body), an answer the schema refuses → `protocol`.
 */
export function jsonRequest(options: JsonRequestOptions): JsonRequest {
  const base = normaliseServerUrl(options.serverUrl);
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const { timeoutMs } = options;

  return async function request<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<z.infer<S>> {
    const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body), signal: controller.signal });
    } catch (error) {
      throw new TransportError(transportFailure.network(networkCauseOf(error, { aborted: controller.signal.aborted, online: onLine() })));
    } finally {
      clearTimeout(timer);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      if (response.status >= 500) throw new TransportError(transportFailure.server(response.status));
      // A connection cut while the answer was read: nothing usable came back.
      if (response.ok) throw new TransportError(transportFailure.network('incomplete'));
      json = null;
    }
    if (!response.ok) {
      const parsed = ApiErrorSchema.safeParse(json);
      const message = parsed.success ? parsed.data.error.message : text(`Server menolak permintaan (HTTP ${response.status}).`, `The server refused the request (HTTP ${response.status}).`);
      if (response.status >= 500) throw new TransportError(transportFailure.server(response.status, message));
      throw new TransportError({ kind: 'refused', status: response.status, code: parsed.success ? parsed.data.error.code : 'bad-request', message, body: json });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new TransportError(transportFailure.protocol(zodIssuesSummary(parsed.error, { root: json })));
    return parsed.data;
  };
}

/** The /api contract over fetch; every answer is checked with the shared zod schemas. */
export function httpTransport(options: HttpTransportOptions): Transport {
  const request = jsonRequest({ serverUrl: options.serverUrl, token: options.token, timeoutMs: options.timeoutMs ?? 30_000, ...(options.fetch ? { fetch: options.fetch } : {}) });

  const blobs = options.token ? httpBlobTransport({ serverUrl: normaliseServerUrl(options.serverUrl), token: options.token, ...(options.fetch ? { fetch: options.fetch } : {}) }) : null;
  return {
    ...(blobs ? { putBlob: blobs.putBlob, getBlob: blobs.getBlob } : {}),
    enrol: (req: EnrolRequest) => request('POST', '/api/enrol', EnrolResponseSchema, req),
    push: (body: PushRequest) => request('POST', '/api/push', PushResponseSchema, body),
    pull: async (since: number, limit: number) => readPulledPage(await request('GET', `/api/pull?since=${since}&limit=${limit}`, z.unknown())),
    issueCode: (role: Role, panel: string | null, signer: RequestSigner) => {
      const body = { role, panel };
      return sendSigned(signer, { method: 'POST', path: '/api/codes', body }, (headers) => request('POST', '/api/codes', CodeResponseSchema, body, headers));
    },
    pushAudit: (entries: AuditEntry[]) => request('POST', '/api/audit', AuditHeadResponseSchema, { entries }),
    auditHead: () => request('GET', '/api/audit/head', AuditHeadResponseSchema),
    reportAuditAlarm: async (report: AuditAlarmReport) => void (await request('POST', '/api/audit/alarm', AuditAlarmAnswerSchema, report)),
    recordAudit: (key: string) => request('GET', `/api/audit?record=${encodeURIComponent(key)}`, RecordAuditResponseSchema),
    recentAudit: (prefix: string | null) => request('GET', `/api/audit/recent${prefix ? `?prefix=${encodeURIComponent(prefix)}` : ''}`, RecordAuditResponseSchema),
  };
}
