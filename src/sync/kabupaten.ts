import {
  KabupatenTotalsResponseSchema,
  SummaryImportResponseSchema,
  SummaryListResponseSchema,
  type KabupatenTotalsResponse,
  type SummaryImportRequest,
  type SummaryImportResponse,
  type SummaryListResponse,
} from '../api/index.ts';
import { jsonRequest } from './http.ts';

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
  // A 12 MB summary over a hall's connection takes a while.
  const request = jsonRequest({ serverUrl: options.serverUrl, token: options.token, timeoutMs: options.timeoutMs ?? 120_000, ...(options.fetch ? { fetch: options.fetch } : {}) });

  return {
    totals: () => request('GET', '/api/kabupaten/totals', KabupatenTotalsResponseSchema),
    summaries: () => request('GET', '/api/kabupaten/summaries', SummaryListResponseSchema),
    importSummary: (req) => request('POST', '/api/kabupaten/summaries', SummaryImportResponseSchema, req),
  };
}
