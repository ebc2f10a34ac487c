// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../../../src/domain/canonical/json.ts';
import { sha256Hex } from '../../../src/domain/canonical/hash.ts';
import { exportPublicJwk, fingerprint, keyHash } from '../../../src/domain/crypto/keys.ts';
import type { Setup } from '../../../src/domain/setup/index.ts';
import { signedHeadOf, summaryHash, summaryHashGroups, verifySummaryText } from '../../../src/domain/summary/index.ts';
import { finaliseDesa, finaliseKecamatan, reopenKecamatan, setFigures, type RekapDb } from '../../../src/db/index.ts';
import { auditHead, sealAudit } from '../../../src/db/audit.ts';
import { loadSignedSummary } from '../../../src/db/summary.ts';
import { DexieSyncStore, httpTransport, localLock, SyncEngine } from '../../../src/sync/index.ts';
import { DHasilScreen } from '../../../src/ui/dhasil/DHasilScreen.tsx';
import { PrintScreen } from '../../../src/ui/print/PrintScreen.tsx';
import { SettingsScreen } from '../../../src/ui/settings/SettingsScreen.tsx';
import { summaryQrPayload } from '../../../src/ui/summary/qr.ts';
import { setSyncEngine } from '../../../src/ui/sync/engine.ts';
import { SyncScreen } from '../../../src/ui/sync/SyncScreen.tsx';
import { adminCode, startTestServer, type TestServer } from '../../sync/realServer.ts';
import { desaTalliesFile } from '../../e2e/plenary-fixtures.ts';
import { bagonTps, importBagon, importFile, seedPuger } from '../plenary/seed.ts';

/** The D.Hasil of a whole kecamatan renders slowly in jsdom on a shared machine (not a timing assertion). */
const HEAVY = 60_000;
const SLOW = { timeout: 20_000 };

let db: RekapDb;
let setup: Setup;
let downloads: { name: string; blob: Blob }[];

beforeEach(async () => {
  ({ db, setup } = await seedPuger());
  downloads = [];
  const blobs = new Map<string, Blob>();
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        const url = `blob:${blobs.size}`;
        blobs.set(url, blob);
        return url;
      },
      revokeObjectURL: () => {},
    }),
  );
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function deviceFingerprint(target: RekapDb): Promise<string> {
  return fingerprint(await exportPublicJwk((await new DexieSyncStore(target).deviceKey()).publicKey));
}

/** Signs from the kecamatan D.Hasil as the chair would; returns the downloaded file's text. */
async function exportFromDHasil(opts: { name?: string; all?: boolean } = {}): Promise<{ name: string; text: string }> {
  const user = userEvent.setup();
  render(<DHasilScreen setup={setup} contest="PPWP" />);
  const panel = await screen.findByTestId('signed-summary', {}, SLOW);
  const nameField = within(panel).getByLabelText('Nama penanda tangan') as HTMLInputElement;
  // Prefilled with the operator's name.
  expect(nameField.value).toBe('Ketua PPK');
  if (opts.name !== undefined) {
    await user.clear(nameField);
    await user.type(nameField, opts.name);
  }
  if (opts.all) await user.click(within(panel).getByLabelText(`Semua jenis pemilihan (${setup.contests.length})`));
  await user.click(within(panel).getByRole('button', { name: 'Tandatangani dan unduh ringkasan' }));
  await within(panel).findByTestId('summary-done', {}, SLOW);
  expect(downloads).toHaveLength(1);
  return { name: downloads[0]!.name, text: await downloads[0]!.blob.text() };
}

describe('device key fingerprint', () => {
  it('is shown in the settings and on the sync screen of a device not yet connected, the same as its key', async () => {
    const expected = await deviceFingerprint(db);
    expect(expected).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
    render(<SettingsScreen setup={setup} settings={{ operatorName: 'Ketua PPK' } as never} />);
    await waitFor(() => expect(screen.getByTestId('device-fingerprint').textContent).toBe(expected));
    expect(screen.getByText(/Sidik jari kunci perangkat ini/)).toBeTruthy();
    render(<SyncScreen setup={setup} operator="Ketua PPK" />);
    await waitFor(() => expect(screen.getAllByTestId('device-fingerprint').map((e) => e.textContent)).toEqual([expected, expected]));
  });
});

describe('signed summary export from the D.Hasil (device not enrolled)', () => {
  it('downloads a canonical rekap.summary/v2 that verifies, marked not final, and shows its hash in 16 groups', async () => {
    await importBagon(db, setup);
    const { name, text } = await exportFromDHasil({ name: 'Siti Aminah' });
    expect(name).toMatch(/^rekap-summary-puger-ppwp-\d{8}-\d{6}-belum-final\.json$/);
    // Canonical JSON, rekap.summary/v2: the printed SHA-256 is that of the signed head (the file without TPS entries).
    expect(canonicalJson(JSON.parse(text))).toBe(text);
    expect(JSON.parse(text)).toMatchObject({ format: 'rekap.summary/v2' });
    const result = await verifySummaryText(text, { setup });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.failures).toEqual([]);
    expect(result.value.valid).toBe(true);
    const hash = await sha256Hex(canonicalJson(signedHeadOf(JSON.parse(text) as object)));
    expect(result.value.hash).toBe(hash);
    const summary = result.value.summary;
    expect(summary.signer.name).toBe('Siti Aminah');
    expect(summary.signer.role).toBe('chair');
    expect(summary.signer.fingerprint).toBe(await deviceFingerprint(db));
    expect(summary.attestation).toBeNull();
    expect(summary.contests.map((c) => c.contest)).toEqual(['PPWP']);
    expect(summary.contests[0]!.kecamatan.tpsIncluded).toBe(17);

    const done = screen.getByTestId('summary-done');
    expect(done.getAttribute('data-hash')).toBe(hash);
    expect(within(done).getByTestId('summary-done-final').textContent).toContain('BELUM FINAL');
    expect(within(done).getAllByRole('listitem').map((li) => li.querySelector('code')!.textContent)).toEqual(summaryHashGroups(hash));
    expect(screen.getByTestId('summary-final').textContent).toBe('Presiden: BELUM FINAL. Ringkasan dapat diekspor kapan saja, tetapi berkas dan cetakannya menyatakan angkanya sementara.');
    expect(screen.getByTestId('summary-attestation').textContent).toContain('tidak ada');
    await waitFor(() => expect(screen.getByTestId('summary-last').getAttribute('data-state')).toBe('current'));
  }, HEAVY);

  it('signs every contest at once and records it for each', async () => {
    await importBagon(db, setup);
    const { name, text } = await exportFromDHasil({ all: true });
    expect(name).toMatch(/^rekap-summary-puger-semua-\d{8}-\d{6}-belum-final\.json$/);
    const result = await verifySummaryText(text, { setup });
    expect(result.ok && result.value.valid).toBe(true);
    expect(result.ok && result.value.summary.contests.map((c) => c.contest)).toEqual(setup.contests.map((c) => c.id));
    const hash = await summaryHash(JSON.parse(text) as object);
    for (const c of setup.contests) expect((await loadSignedSummary(db, c.id))?.hash).toBe(hash);
  }, HEAVY);

  it("carries the head of this device's sealed audit chain", async () => {
    await importBagon(db, setup);
    const keys = await new DexieSyncStore(db).deviceKey();
    const sealed = await sealAudit(db, { keyHash: await keyHash(await exportPublicJwk(keys.publicKey)), privateKey: keys.privateKey });
    expect(sealed).not.toBeNull();
    const { text } = await exportFromDHasil();
    const result = await verifySummaryText(text, { setup });
    expect(result.ok && result.value.valid).toBe(true);
    expect(result.ok && result.value.summary.auditHead).toBe(sealed!.hash);
    expect((await auditHead(db))?.hash).toBe(sealed!.hash);
  }, HEAVY);

  it('refuses an empty signer name', async () => {
    const user = userEvent.setup();
    render(<DHasilScreen setup={setup} contest="PPWP" />);
    const panel = await screen.findByTestId('signed-summary', {}, SLOW);
    await user.clear(within(panel).getByLabelText('Nama penanda tangan'));
    await user.click(within(panel).getByRole('button', { name: 'Tandatangani dan unduh ringkasan' }));
    expect((await within(panel).findByRole('alert')).textContent).toBe('Isi nama penanda tangan.');
    expect(downloads).toEqual([]);
  }, HEAVY);
});

describe('signed summary export on an enrolled device', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  async function enrol(role: 'chair' | 'clerk') {
    const engine = new SyncEngine({ store: new DexieSyncStore(db), lock: localLock(), transportFor: (url, token) => httpTransport({ serverUrl: url, token, fetch: server.fetch }) });
    setSyncEngine(db, engine);
    const result = await engine.enrol({
      serverUrl: 'https://ppk.test',
      // Panel 1 takes Bagon in the Puger demo's schedule.
      code: await adminCode(server, role, role === 'clerk' ? 'panel-1' : null),
      deviceName: 'Laptop ketua',
      actor: 'Ketua PPK',
    });
    if (!result.ok) throw new Error(result.error.en);
    return (await new DexieSyncStore(db).meta()).enrolment!;
  }

  it("carries the server's attestation of the chair's device, which verifies against the trusted server key", async () => {
    const enrolment = await enrol('chair');
    await importBagon(db, setup);
    const { text } = await exportFromDHasil();
    expect(screen.getByTestId('summary-attestation').textContent).toContain('ada (perangkat ini terdaftar sebagai Ketua PPK)');
    const result = await verifySummaryText(text, { setup, trust: enrolment.serverKey });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.failures).toEqual([]);
    expect(result.value.attestation).toMatchObject({ status: 'present', signatureValid: true, trusted: true, device: { role: 'chair', kecamatan: '350908' } });
    expect(result.value.summary.attestation?.statement.deviceId).toBe(enrolment.deviceId);
  }, HEAVY);

  it("is not offered on a clerk's device", async () => {
    await enrol('clerk');
    render(<DHasilScreen setup={setup} contest="PPWP" />);
    expect((await screen.findByTestId('summary-chair-only', {}, SLOW)).textContent).toBe(
      'Hanya perangkat Ketua PPK yang menandatangani ringkasan; perangkat ini terdaftar sebagai Petugas panel.',
    );
    expect(screen.queryByRole('button', { name: 'Tandatangani dan unduh ringkasan' })).toBeNull();
  }, HEAVY);
});

describe('print integrity block', () => {
  it('says there is no signed summary yet, and prints no hash', async () => {
    render(<PrintScreen setup={setup} contest="PPWP" />);
    const block = await screen.findByTestId('print-integrity', {}, SLOW);
    await waitFor(() => expect(block.getAttribute('data-state')).toBe('none'));
    expect(block.textContent).toContain('Belum ada ringkasan bertanda tangan untuk Presiden di perangkat ini');
    expect(within(block).queryByTestId('print-hash-groups')).toBeNull();
  }, HEAVY);

  it('prints the hash in 16 groups, signer, fingerprint, WIB time and a QR code of hash, fingerprint and signature, beside the signatures', async () => {
    await importBagon(db, setup);
    const { text } = await exportFromDHasil({ name: 'Siti Aminah' });
    const file = JSON.parse(text) as { signature: string; createdAt: string; signer: { fingerprint: string } };
    const hash = await summaryHash(JSON.parse(text) as object);
    document.body.innerHTML = '';
    render(<PrintScreen setup={setup} contest="PPWP" />);
    const block = await screen.findByTestId('print-integrity', {}, SLOW);
    await waitFor(() => expect(block.getAttribute('data-state')).toBe('current'), SLOW);
    // Right after the wet signatures.
    expect(screen.getByTestId('signatures').nextElementSibling).toBe(block);
    const groups = within(within(block).getByTestId('print-hash-groups')).getAllByRole('listitem').map((li) => li.querySelector('code')!.textContent);
    expect(groups).toHaveLength(16);
    expect(groups).toEqual(summaryHashGroups(hash));
    expect(groups.every((g) => /^[0-9a-f]{4}$/.test(g!))).toBe(true);
    expect(within(block).getByTestId('print-integrity-signer').textContent).toBe('Siti Aminah (Ketua PPK)');
    expect(within(block).getByTestId('print-integrity-fingerprint').textContent).toBe(file.signer.fingerprint);
    expect(block.querySelector('time')!.textContent).toMatch(/ WIB$/);
    expect(within(block).getByTestId('print-integrity-final').textContent).toBe('Status: BELUM FINAL. Angka sementara: Presiden belum difinalkan untuk seluruh kecamatan.');
    // The QR encoder is loaded on first use.
    const qr = await within(block).findByRole('img', { name: 'Kode QR: hash, tanda tangan dan sidik jari kunci' });
    const payload = `rekap.summary/v2;sha256=${hash};fp=${file.signer.fingerprint.replaceAll(' ', '')};sig=${file.signature}`;
    expect(qr.getAttribute('data-payload')).toBe(payload);
    expect(summaryQrPayload({ hash, signature: file.signature, signer: file.signer })).toBe(payload);
    // A real symbol: version 9 or so for ~190 bytes at level M (53 modules a side), drawn as a path.
    expect(Number(qr.getAttribute('data-modules'))).toBeGreaterThanOrEqual(45);
    expect(qr.querySelector('path')!.getAttribute('d')!.length).toBeGreaterThan(1000);
  }, HEAVY);

  it('shows "out of date" and no hash once a figure changes after export', async () => {
    await importBagon(db, setup);
    await exportFromDHasil();
    document.body.innerHTML = '';
    render(<PrintScreen setup={setup} contest="PPWP" />);
    const block = await screen.findByTestId('print-integrity', {}, SLOW);
    await waitFor(() => expect(block.getAttribute('data-state')).toBe('current'), SLOW);

    const changed = await setFigures(db, { tps: bagonTps(3), contest: 'PPWP', changes: [{ path: 'invalid', value: 11 }], actor: 'Ketua PPK', reason: 'salah baca' });
    expect(changed.ok).toBe(true);
    await waitFor(() => expect(block.getAttribute('data-state')).toBe('stale'), SLOW);
    expect(within(block).getByTestId('print-integrity-stale').textContent).toMatch(/sudah usang: angka atau status TPS berubah\. Ekspor ringkasan lagi/);
    expect(within(block).queryByTestId('print-hash-groups')).toBeNull();
    expect(within(block).queryByTestId('qr-code')).toBeNull();
  }, HEAVY);

  it('says FINAL on the paper when the contest was finalised before export, and goes stale when it is reopened', async () => {
    // A kecamatan is final only when every desa is: every desa's PPWP forms, verified and clean.
    for (const d of setup.desa) await importFile(db, desaTalliesFile(setup, d.code));
    for (const d of setup.desa) expect((await finaliseDesa(db, d.code, 'PPWP', 'Ketua PPK')).ok).toBe(true);
    expect((await finaliseKecamatan(db, 'PPWP', 'Ketua PPK')).ok).toBe(true);
    const { name, text } = await exportFromDHasil();
    expect(name).toMatch(/^rekap-summary-puger-ppwp-\d{8}-\d{6}\.json$/);
    expect(screen.getByTestId('summary-done-final').textContent).toBe('Semua jenis pemilihan di berkas ini sudah final.');
    const result = await verifySummaryText(text, { setup });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.valid).toBe(true);
    expect(result.value.summary.contests[0]!.desa.flatMap((d) => d.tps).every((t) => t.status === 'final')).toBe(true);

    document.body.innerHTML = '';
    render(<PrintScreen setup={setup} contest="PPWP" />);
    const block = await screen.findByTestId('print-integrity', {}, SLOW);
    await waitFor(() => expect(block.getAttribute('data-state')).toBe('current'), SLOW);
    expect(within(block).getByTestId('print-integrity-final').textContent).toBe('Status: FINAL. Presiden sudah difinalkan untuk seluruh kecamatan.');

    expect((await reopenKecamatan(db, 'PPWP', 'Ketua PPK', 'hitung ulang')).ok).toBe(true);
    await waitFor(() => expect(block.getAttribute('data-state')).toBe('stale'), SLOW);
    expect(block.textContent).toContain('sudah usang: status final berubah');
  }, HEAVY);
});
