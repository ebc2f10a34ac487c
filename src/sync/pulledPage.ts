import { z } from 'zod';
import { ChangeSchema, PullProofsSchema, PullResponseSchema, type PullResponse } from '../api/index.ts';
import { text, type LocalizedText } from '../domain/common/text.ts';
import { zodIssuesSummary } from '../domain/errors/index.ts';
import { TransportError, transportFailure } from './transport.ts';

/** A change of a pulled page that is no record this app can hold (a figure past the bound, say). */
export interface UnreadableChange {
  key: string;
  version: number;
  seq: number;
  deviceId: string;
  why: LocalizedText;
}

/** A page as the device reads it: its readable changes, and those it could not read (refused, one by one). */
export type PulledPage = PullResponse & { unreadable?: UnreadableChange[] };

const num = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : '?');

const PageEnvelopeSchema = z.object({ changes: z.array(z.unknown()), lastSeq: z.number().int().min(0), more: z.boolean(), proofs: PullProofsSchema.optional() });

/**
 * The pull answer, read change by change: a change the shared schema refuses (a record written
 * before a rule, or edited in the server's database) is set apart with its reason instead of
 * failing the page, so that one bad record cannot stop a device's sync at that point for good.
 * The envelope (order, checkpoint, proofs) must still be sound: otherwise the page is refused whole
 * (a protocol failure). A sound page, the usual case, is parsed in one pass.
 */
export function readPulledPage(json: unknown): PulledPage {
  const whole = PullResponseSchema.safeParse(json);
  if (whole.success) return { ...whole.data, unreadable: [] };
  const page = PageEnvelopeSchema.safeParse(json);
  if (!page.success) throw new TransportError(transportFailure.protocol(zodIssuesSummary(page.error, { root: json })));
  const changes: PullResponse['changes'] = [];
  const unreadable: UnreadableChange[] = [];
  page.data.changes.forEach((raw, i) => {
    const parsed = ChangeSchema.safeParse(raw);
    if (parsed.success) {
      changes.push(parsed.data);
      return;
    }
    const loose = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const issues = zodIssuesSummary(parsed.error, { root: raw, max: 1 });
    unreadable.push({
      key: str(loose.key),
      version: num(loose.version),
      seq: num(loose.seq),
      deviceId: str(loose.deviceId),
      why: text(`perubahan ke-${i + 1} di halaman ini tidak terbaca: ${issues.id}`, `change ${i + 1} of the page is unreadable: ${issues.en}`),
    });
  });
  const { lastSeq, more, proofs } = page.data;
  return { changes, lastSeq, more, ...(proofs ? { proofs } : {}), unreadable };
}
