// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TpsCode } from '../../../src/domain/codes/codes.ts';
import { exportPublicJwk, generateKeyPair } from '../../../src/domain/crypto/index.ts';
import { proveTps, summaryHash, summaryHashGroups, type Proof } from '../../../src/domain/summary/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { i18n } from '../../../src/ui/i18n/i18n.ts';
import { VerifyScreen } from '../../../src/ui/verify/VerifyScreen.tsx';
import { roundTrip, signedKecamatan, signedKecamatanV2 } from '../../domain/summary/helpers.ts';
import { freshApp, jsonFile } from '../helpers.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'domain', 'summary', 'fixtures');
/** Signed in Node by `rekap sign-summary` (see the fixtures' README). */
const signedInNode = readFileSync(join(FIXTURES, 'puger-ppwp.summary.json'), 'utf8');
const serverKeyText = readFileSync(join(FIXTURES, 'server-key.jwk'), 'utf8');
const FIXTURE_HASH = '9115c65174ad93203fd7847ae1595e02212c1533b2ceafcbb1b4c5dc5d1de229';

const textFile = (name: string, content: string) => new File([content], name, { type: 'application/json' });
const fetchSpy = vi.fn(async () => new Response('offline', { status: 503 }));

beforeEach(async () => {
  await freshApp();
  vi.stubGlobal('fetch', fetchSpy);
  fetchSpy.mockClear();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function pick(user: ReturnType<typeof userEvent.setup>, file: File) {
  await user.upload(screen.getByLabelText('Berkas ringkasan (.json)'), file);
  return screen.findByTestId('verify-verdict');
}

describe('Verify screen (#/verifikasi)', () => {
  it('is reachable from the header without any setup on the device, and verifies a file signed in Node offline', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/verifikasi';
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Verifikasi ringkasan D.Hasil' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Verifikasi' }).getAttribute('aria-current')).toBe('page');

    const verdict = await pick(user, textFile('puger-ppwp.summary.json', signedInNode));
    expect(verdict.textContent).toContain('SAH.');
    expect(screen.getByTestId('verify-signer').textContent).toBe('Ketua PPK Puger (Ketua PPK)');
    expect(screen.getByTestId('verify-fingerprint').textContent).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
    const groups = within(screen.getByTestId('hash-groups')).getAllByRole('listitem');
    expect(groups.map((g) => g.querySelector('code')!.textContent)).toEqual(summaryHashGroups(FIXTURE_HASH));
    expect(groups[0]!.getAttribute('aria-label')).toBe('Kelompok 1: 9 1 1 5');
    expect(screen.getByTestId('verify-attestation').textContent).toContain('server tidak diperiksa');
    // Nothing was fetched: verification needs no network.
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('checks the attestation against a chosen trusted server key, and re-verifies when it changes', async () => {
    const user = userEvent.setup();
    render(<VerifyScreen setup={null} />);
    await pick(user, textFile('s.json', signedInNode));
    await user.upload(screen.getByLabelText('Kunci server tepercaya (opsional)'), textFile('server.jwk', serverKeyText));
    expect(await screen.findByText(/^Kunci tepercaya: server.jwk/)).toBeTruthy();
    expect((await screen.findByTestId('verify-attestation')).textContent).toContain('server tepercaya');

    const stranger = await exportPublicJwk((await generateKeyPair()).publicKey);
    await user.upload(screen.getByLabelText('Kunci server tepercaya (opsional)'), jsonFile('lain.jwk', stranger));
    const verdict = await screen.findByRole('alert');
    expect(verdict.textContent).toContain('TIDAK SAH.');
    expect(screen.getByTestId('verify-failures').textContent).toContain('bukan server tepercaya');

    await user.upload(screen.getByLabelText('Kunci server tepercaya (opsional)'), textFile('rusak.jwk', '{"kty":"RSA"}'));
    expect((await screen.findAllByRole('alert')).some((a) => a.textContent === 'Berkas rusak.jwk bukan kunci publik P-256 (JWK).')).toBe(true);
  });

  it('shows each failure precisely: the TPS, the figure, stated vs recomputed', async () => {
    const user = userEvent.setup();
    const file = JSON.parse(signedInNode);
    const entry = file.contests[0].desa[4].tps[0];
    entry.figures.votes['3'] += 7;
    render(<VerifyScreen setup={null} />);
    const verdict = await pick(user, jsonFile('diubah.json', file));
    expect(verdict.textContent).toContain('TIDAK SAH.');
    expect(verdict.textContent).toContain('3 masalah');
    const failures = within(screen.getByTestId('verify-failures')).getAllByRole('listitem');
    expect(failures.map((f) => f.getAttribute('data-kind'))).toEqual(['signature-invalid', 'total-mismatch', 'total-mismatch']);
    expect(failures[1]!.textContent).toContain('Suara paslon 3 (votes.3)');
    expect(failures[1]!.textContent).toContain(`Periksa TPS ${entry.tps}`);
    const table = screen.getByRole('table', { name: 'Jumlah yang tidak sama dengan hitungan ulang dari angka TPS' });
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = within(rows[0]!).getAllByRole('cell').map((c) => c.textContent);
    expect(cells[2]).toBe('Suara paslon 3 votes.3');
    expect(Number(cells[4]) - Number(cells[3])).toBe(7);
    expect(cells[5]).toBe(entry.tps);
    expect(within(rows[1]!).getAllByRole('cell')[1]!.textContent).toBe('Kecamatan');
    // The TPS's own check is listed too (informative).
    expect(screen.getByTestId('verify-findings').textContent).toContain(`E08 · TPS ${entry.tps}`);
    expect(screen.getByText('Ringkasan yang tidak sah tidak dapat diterima.')).toBeTruthy();
  });

  it('accepts a dropped file, and says why a truncated one cannot be checked', async () => {
    render(<VerifyScreen setup={null} />);
    const drop = screen.getByTestId('verify-drop');
    fireEvent.drop(drop, { dataTransfer: { files: [textFile('potong.json', signedInNode.slice(0, 5000))] } });
    expect((await screen.findByTestId('verify-unreadable')).textContent).toMatch(/^Berkas potong\.json tidak dapat diperiksa: Berkas terpotong: isinya berhenti sebelum lengkap \(baris \d+, kolom \d+\)/);
    fireEvent.drop(drop, { dataTransfer: { files: [textFile('utuh.json', signedInNode)] } });
    expect((await screen.findByTestId('verify-verdict')).textContent).toContain('SAH.');
    expect(screen.queryByTestId('verify-unreadable')).toBeNull();
  });

  it('checks the summary against this device\'s setup when it is the same kecamatan', async () => {
    const signed = await signedKecamatan({ perDesa: 1, contests: ['PPWP'] });
    const user = userEvent.setup();
    render(<VerifyScreen setup={signed.setup} />);
    await pick(user, jsonFile('s.json', roundTrip(signed.file)));
    expect(screen.getByText('Sama dengan setup perangkat ini')).toBeTruthy();
    const changed = { ...signed.setup, election: { ...signed.setup.election, name: 'Pemilu lain' } };
    render(<VerifyScreen setup={changed} />);
    const inputs = screen.getAllByLabelText('Berkas ringkasan (.json)');
    await user.upload(inputs[1]!, jsonFile('s.json', roundTrip(signed.file)));
    expect(await screen.findByText('BERBEDA dari setup perangkat ini')).toBeTruthy();
  });

  it('the next level accepts only after two hash groups typed from the paper match; the screen hides the hash meanwhile', async () => {
    const user = userEvent.setup();
    const onAccepted = vi.fn();
    render(<VerifyScreen setup={null} onAccepted={onAccepted} />);
    await pick(user, textFile('s.json', signedInNode));
    await user.click(screen.getByRole('button', { name: 'Mulai pencocokan dengan kertas' }));
    expect(screen.queryByTestId('hash-groups')).toBeNull();
    expect(screen.getByText('Disembunyikan selama konfirmasi: ketik kelompoknya dari kertas.')).toBeTruthy();

    const inputs = screen.getAllByLabelText(/^Kelompok ke-\d+ dari kertas$/);
    expect(inputs).toHaveLength(2);
    const positions = inputs.map((i) => Number(/ke-(\d+)/.exec(screen.getByText((_, el) => el?.getAttribute('for') === i.id).textContent!)![1]) - 1);
    expect(new Set(positions).size).toBe(2);
    const groups = summaryHashGroups(FIXTURE_HASH);
    expect(document.activeElement).toBe(inputs[0]);

    // A wrong group is named and nothing is accepted.
    await user.type(inputs[0]!, groups[positions[0]!]!.toUpperCase());
    await user.type(inputs[1]!, 'ffff' === groups[positions[1]!] ? '0000' : 'ffff');
    await user.click(screen.getByRole('button', { name: 'Cocokkan' }));
    expect((await screen.findByRole('alert')).textContent).toContain(`Kelompok ke-${positions[1]! + 1}`);
    expect(inputs[1]!.getAttribute('aria-invalid')).toBe('true');
    expect(onAccepted).not.toHaveBeenCalled();

    await user.clear(inputs[1]!);
    await user.type(inputs[1]!, groups[positions[1]!]!);
    await user.keyboard('{Enter}');
    expect((await screen.findByTestId('verify-accepted')).textContent).toContain('Ringkasan diterima.');
    expect(onAccepted).toHaveBeenCalledTimes(1);
    expect(onAccepted.mock.calls[0]![0].hash).toBe(FIXTURE_HASH);
    expect(screen.getByTestId('hash-groups')).toBeTruthy();
  });

  it('speaks English when the app does', async () => {
    await i18n.changeLanguage('en');
    const user = userEvent.setup();
    render(<VerifyScreen setup={null} />);
    await user.upload(screen.getByLabelText('Summary file (.json)'), textFile('s.json', signedInNode));
    expect((await screen.findByTestId('verify-verdict')).textContent).toContain('VALID.');
    expect(screen.getByTestId('verify-signer').textContent).toBe('Ketua PPK Puger (PPK chair)');
  });
});

describe('Verify screen: proof of one TPS', () => {
  let signed: Awaited<ReturnType<typeof signedKecamatanV2>>;
  let paper: string[];
  let tps: TpsCode;
  beforeAll(async () => {
    signed = await signedKecamatanV2({ perDesa: 1, contests: ['PPWP', 'DPD'] });
    paper = summaryHashGroups(await summaryHash(roundTrip(signed.file)));
    tps = signed.file.contests[0]!.desa[5]!.tps[0]!.tps;
  });
  const proofOf = async (): Promise<Proof> => {
    const file = roundTrip(signed.file);
    const proof = await proveTps(file, file, tps);
    if (!proof.ok) throw new Error('no proof');
    return roundTrip(proof.value);
  };
  async function checkProof(user: ReturnType<typeof userEvent.setup>, groups: string, proof: string) {
    render(<VerifyScreen setup={null} />);
    const box = screen.getByTestId('proof-check');
    await user.type(within(box).getByLabelText('16 kelompok hash dari kertas D.Hasil'), groups);
    await user.upload(within(box).getByLabelText('Berkas bukti TPS (.json)'), textFile('bukti.json', proof));
    await user.click(within(box).getByRole('button', { name: 'Periksa bukti' }));
    return box;
  }

  it("marks the witness's TPS figures as included when the proof matches the paper's groups", async () => {
    const user = userEvent.setup();
    const proof = await proofOf();
    const box = await checkProof(user, paper.join(' ').toUpperCase(), JSON.stringify(proof));
    expect((await within(box).findByTestId('proof-verdict')).textContent).toContain('TERMASUK.');
    expect(within(box).getByTestId('proof-verdict').textContent).toContain(`Angka TPS ${tps}`);
    const ppwp = within(box).getByTestId('proof-entry-PPWP');
    expect(ppwp.getAttribute('data-included')).toBe('true');
    expect(within(ppwp).getByText(`Presiden, TPS ${tps}: termasuk ringkasan bertanda tangan`)).toBeTruthy();
    const votes = (proof.entries[0]!.entry.figures.votes as Record<string, number>)['2']!;
    expect(within(ppwp).getByRole('row', { name: new RegExp(`paslon 2 votes\\.2 ${votes}`) })).toBeTruthy();
    expect(within(box).getByTestId('proof-entry-DPD').getAttribute('data-included')).toBe('true');
  });

  it('says exactly which contest of the TPS is not included when a figure in the proof was changed', async () => {
    const user = userEvent.setup();
    const proof = await proofOf();
    proof.entries[1]!.entry.figures.invalid = (proof.entries[1]!.entry.figures.invalid ?? 0) + 1;
    const box = await checkProof(user, paper.join(' '), JSON.stringify(proof));
    expect((await within(box).findByTestId('proof-verdict')).textContent).toContain('TIDAK TERBUKTI.');
    const failures = within(within(box).getByTestId('proof-failures')).getAllByRole('listitem');
    expect(failures.map((li) => li.textContent)).toEqual([
      `DPD, TPS ${tps}: angka dalam bukti ini TIDAK termasuk ringkasan yang ditandatangani (angka diubah, atau bukti dari ringkasan lain).`,
    ]);
    expect(within(box).getByTestId('proof-entry-PPWP').getAttribute('data-included')).toBe('true');
    expect(within(box).getByTestId('proof-entry-DPD').getAttribute('data-included')).toBe('false');
  });

  it('names the groups that differ when the paper is of another summary', async () => {
    const user = userEvent.setup();
    const typed = [...paper];
    typed[6] = typed[6] === '0000' ? '1111' : '0000';
    const box = await checkProof(user, typed.join(' '), JSON.stringify(await proofOf()));
    expect((await within(box).findByTestId('proof-failures')).textContent).toBe(
      'Kelompok hash ke-7 dari kertas tidak sama dengan ringkasan bukti ini: bukti ini dari ringkasan lain, atau salah ketik.',
    );
  });

  it('asks for all 16 groups, and says why a file is not a proof', async () => {
    const user = userEvent.setup();
    const box = await checkProof(user, paper.slice(0, 15).join(' '), JSON.stringify(await proofOf()));
    expect((await within(box).findByTestId('proof-problem')).textContent).toContain('Ketik ke-16 kelompok');
    await user.upload(within(box).getByLabelText('Berkas bukti TPS (.json)'), textFile('ringkasan.json', JSON.stringify(signed.file)));
    await user.type(within(box).getByLabelText('16 kelompok hash dari kertas D.Hasil'), ` ${paper[15]!}`);
    await user.click(within(box).getByRole('button', { name: 'Periksa bukti' }));
    expect((await within(box).findByTestId('proof-problem')).textContent).toContain('bukan bukti rekap.proof/v1 (format "rekap.summary/v2")');
  });

  it('speaks English when the app does', async () => {
    await i18n.changeLanguage('en');
    const user = userEvent.setup();
    render(<VerifyScreen setup={null} />);
    const box = screen.getByTestId('proof-check');
    await user.type(within(box).getByLabelText('The 16 hash groups from the paper D.Hasil'), paper.join(' '));
    await user.upload(within(box).getByLabelText('TPS proof file (.json)'), textFile('proof.json', JSON.stringify(await proofOf())));
    await user.click(within(box).getByRole('button', { name: 'Check proof' }));
    expect((await within(box).findByTestId('proof-verdict')).textContent).toContain('INCLUDED.');
  });
});
