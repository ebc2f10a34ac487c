import type { z } from 'zod';
import {
  ApiErrorSchema,
  KabupatenTotalsResponseSchema,
  SummaryImportResponseSchema,
  SummaryListResponseSchema,
  type KabupatenTotalsResponse,
  type SummaryImportRequest,
  type SummaryImportResponse,
  type SummaryListResponse,
} from '../api/index.ts';
import { text } from '../domain/common/text.ts';
import { normaliseServerUrl } from './http.ts';
import { TransportError, transportFailure } from './transport.ts';

export interface KabupatenClient {
  totals(): Promise<KabupatenTotalsResponse>;
  summaries(): Promise<SummaryListResponse>;
  importSummary(request: SummaryImportRequest): Promise<SummaryImportResponse>;
}

/**
 * The kabupaten view's requests (src/server/routes/kabupaten.ts), with the sync transport's error
 * model: TransportError with a network / server / refused / protocol failure. Kept apart from the
 * sync Transport because it is no part of syncing: it runs only when a person opens the screen.
 */
export function kabupatenClient(options: { serverUrl: string; token: string; fetch?: typeof globalThis.fetch; timeoutMs?: number }): KabupatenClient {
  const base = normaliseServerUrl(options.serverUrl);
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  // A 12 MB summary over a hall's connection takes a while.
  const timeoutMs = options.timeoutMs ?? 120_000;

  async function request<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${options.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { method, headers, body: body === undefined ? null : JSON.stringify(body), signal: controller.signal });
    } catch (error) {
      throw new TransportError(transportFailure.network(controller.signal.aborted ? 'timeout' : error instanceof Error ? error.message : String(error)));
    } finally {
      clearTimeout(timer);
    }
    let json: unknown = null;
    try {
      json = await response.json();
    } catch {
      if (response.ok) throw new TransportError(transportFailure.network('incomplete answer'));
    }
    if (!response.ok) {
      const parsed = ApiErrorSchema.safeParse(json);
      const message = parsed.success ? parsed.data.error.message : text(`Server menolak permintaan (HTTP ${response.status}).`, `The server refused the request (HTTP ${response.status}).`);
      if (response.status >= 500) throw new TransportError(transportFailure.server(response.status, message));
      throw new TransportError({ kind: 'refused', status: response.status, code: parsed.success ? parsed.data.error.code : 'bad-request', message });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new TransportError(transportFailure.protocol(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; ')));
    return parsed.data;
  }

  return {
    totals: () => request('GET', '/api/kabupaten/totals', KabupatenTotalsResponseSchema),
    summaries: () => request('GET', '/api/kabupaten/summaries', SummaryListResponseSchema),
    importSummary: (req) => request('POST', '/api/kabupaten/summaries', SummaryImportResponseSchema, req),
  };
}
