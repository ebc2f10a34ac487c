// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KabupatenTotalsResponse } from '../../../src/api/index.ts';
import type { KabupatenCode, KecamatanCode } from '../../../src/domain/codes/codes.ts';
import { exportPublicJwk, generateKeyPair } from '../../../src/domain/crypto/index.ts';
import { admitSummary, kabupatenTotals, type KecamatanContestTotals } from '../../../src/domain/kabupaten/index.ts';
import { summaryHash, summaryHashGroups, type SummaryFile } from '../../../src/domain/summary/index.ts';
import { DexieSyncStore } from '../../../src/sync/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { KabupatenView } from '../../../src/ui/kabupaten/KabupatenScreen.tsx';
import { finalKecamatan, signedSummary } from '../../domain/kabupaten/helpers.ts';
import { attest } from '../../domain/summary/helpers.ts';
import { freshApp, jsonFile } from '../helpers.ts';
import type { RekapDb } from '../../../src/db/index.ts';

const KAB = '3509' as KabupatenCode;
let totals: KabupatenTotalsResponse;
let fileA: SummaryFile;

/** Totals as the server answers them: kecamatan 350901 counted for PPWP, 350902 still missing. */
beforeAll(async () => {
  const server = await generateKeyPair(true);
  const trust = await exportPublicJwk(server.publicKey);
  const a = finalKecamatan('350901', { tps: 10, name: 'Ambulu' });
  const b = finalKecamatan('350902', { tps: 3, name: 'Balung' });
  fileA = await signedSummary(a, server, { contests: ['PPWP'] });
  const groups = summaryHashGroups(await summaryHash(fileA));
  const admitted = await admitSummary({
    value: fileA,
    kabupaten: KAB,
    setupOf: async (code: KecamatanCode) => (code === '350901' ? a.setup : null),
    trust,
    confirm: { positions: [0, 1], typed: [groups[0]!, groups[1]!] },
  });
  if (!admitted.ok) throw new Error(JSON.stringify(admitted.error));
  const entries: KecamatanContestTotals[] = admitted.value.contests;
  const t = kabupatenTotals(KAB, [a, b].map((k) => ({ code: k.setup.kecamatan.code, name: k.setup.kecamatan.name, contests: ['PPWP' as const] })), entries);
  // Ambulu's forms are not synced to this server: its coverage is the file's claim.
  totals = withCoverage({ kabupaten: { code: '3509', name: 'JEMBER' }, contests: t.contests }, (k) => ({ source: 'file', final: k.tpsIncluded, expected: k.tpsIncluded }));
});

type Coverage = KabupatenTotalsResponse['contests'][number]['groups'][number]['kecamatan'][number]['coverage'];
function withCoverage(
  response: { kabupaten: KabupatenTotalsResponse['kabupaten']; contests: ReturnType<typeof kabupatenTotals>['contests'] | KabupatenTotalsResponse['contests'] },
  coverage: (k: { code: string; tpsIncluded: number }) => Coverage,
): KabupatenTotalsResponse {
  return { ...response, contests: response.contests.map((c) => ({ ...c, groups: c.groups.map((g) => ({ ...g, kecamatan: g.kecamatan.map((k) => ({ ...k, coverage: coverage(k) })) })) })) };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function fakeServer(onImport: (body: { summary: unknown; groups: { group: number; typed: string }[]; replace: boolean }) => Response) {
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer token-123456789012');
    if (url === 'https://kab.test/api/kabupaten/totals') return json(200, totals);
    if (url === 'https://kab.test/api/kabupaten/summaries' && init?.method === 'POST') return onImport(JSON.parse(String(init.body)));
    return json(404, { error: { code: 'not-found', message: { id: 'x', en: 'x' } } });
  });
}

beforeEach(async () => {
  await freshApp();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('Kabupaten screen (#/kabupaten)', () => {
  it('shows the kabupaten totals per contest in id-ID figures, with the kecamatan counted and missing', async () => {
    const fetch = fakeServer(() => json(500, {}));
    render(<KabupatenView serverUrl="https://kab.test" token="token-123456789012" canImport={false} fetch={fetch} />);
    expect(await screen.findByTestId('kabupaten-heading')).toHaveProperty('textContent', 'Kabupaten JEMBER (3509)');
    const ppwp = screen.getByTestId('kabupaten-contest-PPWP');
    expect(within(ppwp).getByTestId('kabupaten-included').textContent).toBe('Kecamatan dihitung: Ambulu (350901)');
    expect(within(ppwp).getByTestId('kabupaten-missing').textContent).toBe('Kecamatan belum masuk: Balung (350902)');
    const table = within(ppwp).getByRole('table');
    expect(table.querySelector('caption')!.textContent).toBe('Presiden — jumlah kabupaten dari 1 kecamatan (10 TPS)');
    expect(within(ppwp).getByTestId('kabupaten-coverage').textContent).toBe(
      'Ambulu (350901): 10/10 TPS menurut berkas ringkasan (tidak diperiksa: formulir kecamatan ini tidak disinkronkan ke server ini)',
    );
    const validRow = table.querySelector('tr[data-path="valid"]')!;
    const valid = fileA.contests[0]!.kecamatan.figures.valid!;
    const cells = [...validRow.querySelectorAll('td')].map((td) => td.textContent);
    // The kecamatan column and the kabupaten total, formatted id-ID (1.234).
    expect(cells).toEqual([new Intl.NumberFormat('id-ID').format(valid), new Intl.NumberFormat('id-ID').format(valid)]);
    expect(valid).toBeGreaterThan(999);
    expect(cells[1]).toContain('.');
    // Only a chair device gets the import form.
    expect(screen.queryByLabelText('Berkas ringkasan kecamatan (.json)')).toBeNull();
  });

  it('shows the coverage this server holds as final where the kecamatan syncs here, labelled as checked', async () => {
    const served = totals;
    totals = withCoverage(served, () => ({ source: 'server', final: 7, expected: 10 }));
    try {
      render(<KabupatenView serverUrl="https://kab.test" token="token-123456789012" canImport={false} fetch={fakeServer(() => json(500, {}))} />);
      const ppwp = await screen.findByTestId('kabupaten-contest-PPWP');
      expect(within(ppwp).getByTestId('kabupaten-coverage').textContent).toBe('Ambulu (350901): 7/10 TPS final menurut formulir yang disinkronkan ke server ini (diperiksa)');
      const table = within(ppwp).getByRole('table');
      expect(table.querySelector('caption')!.textContent).toBe('Presiden — jumlah kabupaten dari 1 kecamatan (7 TPS)');
      expect(table.querySelector('th[data-col="350901"]')!.textContent).toContain('7/10 TPS');
    } finally {
      totals = served;
    }
  });

  it('imports a summary with the two hash groups typed from paper, then reloads the totals', async () => {
    const user = userEvent.setup();
    const posted: unknown[] = [];
    const fetch = fakeServer((body) => {
      posted.push(body);
      return json(200, {
        status: 'imported',
        summary: {
          hash: 'ab'.repeat(32), kabupaten: '3509', kecamatan: { code: '350901', name: 'Ambulu' }, contests: ['PPWP'], signerName: 'Ketua PPK',
          fingerprint: 'F', serverFingerprint: 'S', createdAt: 'x', importedAt: 'y', importedBy: 'd', slots: [],
        },
        replaced: [],
        coverage: [{ contest: 'PPWP', source: 'server', final: 9, expected: 10 }],
      });
    });
    // randomInt always 2 → groups 3 and 4 (as numbered on paper).
    render(<KabupatenView serverUrl="https://kab.test" token="token-123456789012" canImport fetch={fetch} randomInt={() => 2} />);
    await screen.findByTestId('kabupaten-heading');
    await user.upload(screen.getByLabelText('Berkas ringkasan kecamatan (.json)'), jsonFile('ambulu.summary.json', fileA));
    await user.type(await screen.findByLabelText('Kelompok ke-3 dari kertas D.Hasil'), 'AB12');
    await user.type(screen.getByLabelText('Kelompok ke-4 dari kertas D.Hasil'), 'cd 34');
    await user.click(screen.getByLabelText(/^Ganti ringkasan yang sudah dihitung/));
    const before = fetch.mock.calls.length;
    await user.click(screen.getByRole('button', { name: 'Impor' }));
    expect((await screen.findByTestId('kabupaten-import-ok')).textContent).toBe(`Diimpor: Ambulu (350901), PPWP. Hash ${'ab'.repeat(8)}… Presiden: 9/10 TPS final di server ini (diperiksa).`);
    expect(posted).toEqual([{ summary: fileA, groups: [{ group: 3, typed: 'AB12' }, { group: 4, typed: 'cd 34' }], replace: true }]);
    // The totals were fetched again after the import.
    expect(fetch.mock.calls.slice(before).filter(([u]) => String(u).endsWith('/totals'))).toHaveLength(1);
  });

  it('says when the totals cannot be loaded, and loads them again on request', async () => {
    const user = userEvent.setup();
    let online = false;
    const server = fakeServer(() => json(500, {}));
    const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!online) throw new TypeError('Failed to fetch');
      return server(input, init);
    });
    render(<KabupatenView serverUrl="https://kab.test" token="token-123456789012" canImport={false} fetch={fetch} />);
    const alert = (await screen.findByRole('alert')).textContent;
    expect(alert).toMatch(/^Jumlah kabupaten tidak dapat dimuat: Server tidak terjangkau: tidak ada jawaban — periksa Wi-Fi/);
    expect(alert).not.toContain('Failed to fetch');
    online = true;
    await user.click(screen.getByRole('button', { name: 'Muat ulang' }));
    expect(await screen.findByTestId('kabupaten-heading')).toHaveProperty('textContent', 'Kabupaten JEMBER (3509)');
  });

  it("shows the server's refusal in the UI language", async () => {
    const user = userEvent.setup();
    const fetch = fakeServer(() =>
      json(400, { error: { code: 'bad-request', message: { id: 'Kelompok ke-3 ("0000") tidak sama dengan hash berkas ini.', en: 'Group 3 ("0000") does not match.' } } }),
    );
    render(<KabupatenView serverUrl="https://kab.test" token="token-123456789012" canImport fetch={fetch} randomInt={() => 2} />);
    await screen.findByTestId('kabupaten-heading');
    await user.upload(screen.getByLabelText('Berkas ringkasan kecamatan (.json)'), jsonFile('a.json', fileA));
    await user.type(await screen.findByLabelText('Kelompok ke-3 dari kertas D.Hasil'), '0000');
    await user.type(screen.getByLabelText('Kelompok ke-4 dari kertas D.Hasil'), '0000');
    await user.click(screen.getByRole('button', { name: 'Impor' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Ditolak: Kelompok ke-3 ("0000") tidak sama dengan hash berkas ini.');
  });
});

async function storeEnrolment(db: RekapDb, role: 'chair' | 'witness') {
  const server = await generateKeyPair(true);
  const device = await generateKeyPair(true);
  const publicKey = await exportPublicJwk(device.publicKey);
  const { serverKey, statement } = await attest(server, publicKey, { role });
  await new DexieSyncStore(db).transaction((tx) =>
    tx.setMeta('enrolment', {
      serverUrl: 'https://kab.test', token: 'token-123456789012', deviceId: statement.deviceId, deviceName: 'Laptop', role, kecamatan: '350908' as KecamatanCode,
      panel: null, desa: null, serverKey, attestation: statement, enrolledAt: '2024-02-17T01:00:00.000Z',
    }),
  );
}

describe('the header links the kabupaten view for chair devices only', () => {
  it('a chair device sees the link, and the screen loads from its server', async () => {
    const db = await freshApp();
    await storeEnrolment(db, 'chair');
    vi.stubGlobal('fetch', fakeServer(() => json(500, {})));
    window.location.hash = '#/kabupaten';
    render(<App />);
    const link = await screen.findByRole('link', { name: 'Kabupaten' });
    expect(link.getAttribute('href')).toBe('#/kabupaten');
    expect(link.getAttribute('aria-current')).toBe('page');
    expect(await screen.findByTestId('kabupaten-heading')).toHaveProperty('textContent', 'Kabupaten JEMBER (3509)');
  });

  it('a witness device has no link', async () => {
    const db = await freshApp();
    await storeEnrolment(db, 'witness');
    vi.stubGlobal('fetch', vi.fn(async () => new Response('offline', { status: 503 })));
    render(<App />);
    await screen.findByRole('link', { name: 'Verifikasi' });
    // Let the live query settle before asserting an absence.
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.queryByRole('link', { name: 'Kabupaten' })).toBeNull();
  });
});
