import type { z } from 'zod';
import type { ApiError } from '../../api/index.ts';
import { text, type LocalizedText } from '../../domain/common/text.ts';
import { zodIssuesSummary } from '../../domain/errors/index.ts';

export type ApiErrorCode = ApiError['error']['code'];
type Issue = NonNullable<ApiError['error']['issues']>[number];

const STATUS: Record<ApiErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
  'too-large': 413,
  'too-many': 429,
  internal: 500,
};

/** An expected refusal of a request; app.onError turns it into an ApiError body with its status. */
export class ApiProblem extends Error {
  readonly status: (typeof STATUS)[ApiErrorCode];

  constructor(
    readonly code: ApiErrorCode,
    readonly text: LocalizedText,
    readonly issues?: Issue[],
  ) {
    super(text.en);
    this.name = 'ApiProblem';
    this.status = STATUS[code];
  }

  body(): ApiError {
    return { error: { code: this.code, message: this.text, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

/** zod issues located by dotted path ("ops.0.record.tps"), the form clients show. */
export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export const problems = {
  /** `input`: what was parsed, so the message (in words, not zod's English) can quote the offending value. */
  invalid: (error: z.ZodError, what: LocalizedText, input?: { root: unknown }) => {
    const first = zodIssuesSummary(error, { ...input, max: 1 });
    return new ApiProblem('bad-request', text(`${what.id} tidak sah: ${first.id}`, `${what.en} is not valid: ${first.en}`), zodIssues(error));
  },
  notJson: () => new ApiProblem('bad-request', text('Isi permintaan bukan JSON yang sah.', 'The request body is not valid JSON.')),
  notJsonType: () =>
    new ApiProblem('bad-request', text('Isi permintaan harus application/json.', 'The request body must be application/json.')),
  tooLarge: (limit: number) =>
    new ApiProblem(
      'too-large',
      text(`Permintaan terlalu besar (batas ${Math.round(limit / 1024)} KiB).`, `The request is too large (limit ${Math.round(limit / 1024)} KiB).`),
    ),
  noToken: () =>
    new ApiProblem('unauthorized', text('Perangkat belum terdaftar: token tidak ada.', 'This device is not enrolled: no token was sent.')),
  badToken: () =>
    new ApiProblem('unauthorized', text('Token tidak dikenal; daftarkan perangkat ini lagi.', 'Unknown token; enrol this device again.')),
  revoked: () =>
    new ApiProblem(
      'unauthorized',
      text('Perangkat ini sudah dicabut aksesnya oleh ketua PPK.', 'This device has been revoked by the PPK chair.'),
    ),
  forbidden: (what: LocalizedText) => new ApiProblem('forbidden', what),
  notFound: () => new ApiProblem('not-found', text('Alamat API tidak dikenal.', 'Unknown API address.')),
  internal: () =>
    new ApiProblem(
      'internal',
      text('Galat internal di server; tidak ada yang disimpan dari permintaan ini.', 'Internal server error; nothing from this request was stored.'),
    ),
};
