import type { Hono } from 'hono';
import { KabupatenTotalsResponseSchema, SummaryImportRequestSchema, SummaryImportResponseSchema, SummaryListResponseSchema } from '../../api/index.ts';
import type { KabupatenCode } from '../../domain/codes/codes.ts';
import { text } from '../../domain/common/text.ts';
import { authenticate, currentDevice, requireRole } from '../auth/middleware.ts';
import type { AppEnv, Deps } from '../context.ts';
import { jsonBody } from '../http/body.ts';
import { ApiProblem, problems } from '../http/problem.ts';
import { importSummaryFile, kabupatenTexts, listSummaries, serverKabupaten, totalsOf, type KabupatenInfo } from '../kabupaten/service.ts';
import type { Device } from '../storage/types.ts';

/** A signed summary of the largest kecamatan (1,591 TPS, all contests) is ~12 MB. */
export const SUMMARY_IMPORT_BODY_LIMIT = 32 * 1024 * 1024;
export const SUMMARY_IMPORT_PATH = '/api/kabupaten/summaries';

async function kabupatenOf(deps: Deps, device: Device): Promise<KabupatenInfo> {
  const kecamatan = await deps.storage.kecamatan(device.kecamatan);
  if (!kecamatan) throw new Error(`kecamatan ${device.kecamatan} vanished`);
  const code = kecamatan.setup.kabupaten.code;
  const info = (await serverKabupaten(deps.storage)).get(code);
  if (!info) throw new ApiProblem('not-found', kabupatenTexts.unknown(code));
  return info;
}

/**
 * The kabupaten view. Who may: every enrolled device reads the totals and the list of its own
 * kabupaten (public results; witnesses check them too). Importing is for a chair device, and only
 * its own kecamatan's summary, signed by a chair device this server attested; the server's admin
 * imports any kecamatan it holds with `rekap server import-summary`.
 */
export function kabupatenRoutes(api: Hono<AppEnv>, deps: Deps): void {
  api.get('/kabupaten/totals', authenticate(deps.storage), async (c) => {
    const kabupaten = await kabupatenOf(deps, currentDevice(c));
    return c.json(KabupatenTotalsResponseSchema.parse(await totalsOf(deps, kabupaten)));
  });

  api.get('/kabupaten/summaries', authenticate(deps.storage), async (c) => {
    const kabupaten = await kabupatenOf(deps, currentDevice(c));
    return c.json(SummaryListResponseSchema.parse({ kabupaten: { code: kabupaten.code, name: kabupaten.name }, summaries: await listSummaries(deps, kabupaten) }));
  });

  api.post('/kabupaten/summaries', authenticate(deps.storage), requireRole('chair'), async (c) => {
    const chair = currentDevice(c);
    const request = await jsonBody(c, SummaryImportRequestSchema, text('Permintaan impor ringkasan', 'The summary import request'));
    const kabupaten = await kabupatenOf(deps, chair);
    const stated = request.summary as { kabupaten?: { code?: unknown }; kecamatan?: { code?: unknown } } | null;
    const statedKecamatan = stated?.kecamatan?.code;
    if (stated?.kabupaten?.code === kabupaten.code && typeof statedKecamatan === 'string' && statedKecamatan !== chair.kecamatan) {
      throw problems.forbidden(kabupatenTexts.otherKecamatan(chair.kecamatan, statedKecamatan));
    }
    const result = await importSummaryFile(deps, {
      value: request.summary,
      groups: request.groups,
      replace: request.replace,
      importedBy: chair.id,
      kabupaten: kabupaten.code as KabupatenCode,
    });
    if (!result.ok) {
      const issues = result.error.failures.map((f, i) => ({ path: `failures.${i}`, message: f.kind }));
      throw new ApiProblem(result.error.kind === 'duplicate' ? 'conflict' : 'bad-request', result.error.text, issues);
    }
    c.set('summary', `summary ${result.value.status} ${result.value.summary.kecamatan.code} ${result.value.summary.hash.slice(0, 12)}`);
    return c.json(SummaryImportResponseSchema.parse(result.value));
  });
}
