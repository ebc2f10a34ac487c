import { afterEach, describe, expect, it } from 'vitest';
import { buildSummary, signSummary, summaryHash, summaryHashGroups, type SummaryFile } from '../../src/domain/summary/index.ts';
import { pugerSetup, pugerTallies } from '../domain/summary/helpers.ts';
import { DEMO_SETUP, run, tempDir, writeJson } from './helpers.ts';
import { PushResponseSchema } from '../../src/api/index.ts';
import type { Tally } from '../../src/domain/tally/tally.ts';
import { signedOp } from '../server/client.ts';
import { withEnrolledDevice, type EnrolledDevice } from './enrolled.ts';

/** Every PPWP form of the demo kecamatan, final. */
const finalForms = (): Tally[] => pugerTallies(pugerSetup(), 999, 4).map((t) => ({ ...t, status: 'final' as const }));

/** A PPWP summary of `tallies` signed by the enrolled device with its attestation. */
async function signWith({ enrolment, keys, publicKey }: EnrolledDevice, tallies: readonly Tally[]): Promise<SummaryFile> {
  const built = await buildSummary(pugerSetup(), tallies, ['PPWP'], { name: 'Siti Aminah', role: 'chair', publicKey }, {
    createdAt: '2024-02-20T21:30:00+07:00',
    attestation: { serverKey: enrolment.serverKey, statement: enrolment.attestation },
  });
  if (!built.ok) throw new Error(JSON.stringify(built.error));
  return JSON.parse(JSON.stringify(await signSummary(built.value, keys.privateKey))) as SummaryFile;
}

/** A PPWP summary signed by a chair device enrolled (through the real app) in the CLI's data folder. */
async function chairSummary(dir: string, code: string): Promise<SummaryFile> {
  return withEnrolledDevice(dir, code, (device) => signWith(device, finalForms()));
}

describe('rekap server import-summary', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  afterEach(async () => tmp?.cleanup());

  it('asks for two random paper groups, refuses wrong ones (exit 1), imports with the right ones (exit 0)', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    const init = JSON.parse((await run('server', 'init', '--setup', DEMO_SETUP, '--json', '--data-dir', data)).out) as { chairCode: string };
    const file = await chairSummary(data, init.chairCode);
    const path = await writeJson(tmp.path('summary.json'), file);
    const groups = summaryHashGroups(await summaryHash(file));

    const ask = await run('server', 'import-summary', path, '--data-dir', data, '--lang', 'en');
    expect(ask.code).toBe(2);
    expect(ask.err).toMatch(/^rekap: Type two hash groups from the signed paper D\.Hasil: --groups (\d+):xxxx,(\d+):xxxx/);

    const wrong = groups[6] === 'ffff' ? '0000' : 'ffff';
    const refused = await run('server', 'import-summary', path, '--groups', `2:${groups[1]},7:${wrong}`, '--data-dir', data, '--lang', 'en');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`REFUSED: ${path} — Group 7 ("${wrong}") does not match this file's hash`);

    const ok = await run('server', 'import-summary', path, '--groups', `2:${groups[1]!.toUpperCase()},7:${groups[6]}`, '--data-dir', data);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toBe(`Diimpor: PUGER (350908), PPWP.\nSHA-256: ${await summaryHash(file)}\nPenanda tangan: Siti Aminah, sidik jari ${file.signer.fingerprint}.\nPresiden: 364/364 TPS menurut berkas (tidak diperiksa: formulir kecamatan ini tidak disinkronkan ke server ini).\n`);

    const again = await run('server', 'import-summary', path, '--groups', `1:${groups[0]},16:${groups[15]}`, '--data-dir', data, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ imported: true, status: 'unchanged', summary: { kecamatan: { code: '350908' }, importedBy: 'admin' } });
  });

  it('refuses a tampered figure naming the TPS (exit 1), and bad --groups or an unreadable file (exit 2)', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    const init = JSON.parse((await run('server', 'init', '--setup', DEMO_SETUP, '--json', '--data-dir', data)).out) as { chairCode: string };
    const file = await chairSummary(data, init.chairCode);
    const entry = file.contests[0]!.desa[1]!.tps[0]!;
    (entry.figures.votes as Record<string, number>)['2']! += 1;
    const path = await writeJson(tmp.path('summary.json'), file);
    const groups = summaryHashGroups(await summaryHash(file));
    const r = await run('server', 'import-summary', path, '--groups', `3:${groups[2]},4:${groups[3]}`, '--data-dir', data, '--json', '--lang', 'en');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as { imported: boolean; refusals: string[]; message: string };
    expect(out).toMatchObject({ imported: false, refusals: ['verification-failed'] });
    expect(out.message).toContain(`Check TPS ${entry.tps}`);

    expect((await run('server', 'import-summary', path, '--groups', '3:abcd', '--data-dir', data)).code).toBe(2);
    expect((await run('server', 'import-summary', path, '--groups', '3:abcd,3:abcd', '--data-dir', data)).code).toBe(2);
    const notSummary = await writeJson(tmp.path('other.json'), { format: 'rekap.tallies/v1' });
    expect((await run('server', 'import-summary', notSummary, '--groups', '3:abcd,4:abcd', '--data-dir', data)).code).toBe(2);
  });

  it('where the server holds the kecamatan’s synced forms: a figure that differs is refused naming the TPS (exit 1), and the coverage printed is what the server holds as final', async () => {
    tmp = await tempDir();
    const data = tmp.path('data');
    const init = JSON.parse((await run('server', 'init', '--setup', DEMO_SETUP, '--json', '--data-dir', data)).out) as { chairCode: string };
    const forms = finalForms()
      .filter((t) => t.contest === 'PPWP')
      .map((t) => ({ ...t, enteredBy: 'Ani', verifiedBy: 'Dewi' }));
    const edited = forms.map((t, i) => (i === 5 ? ({ ...t, votes: { ...t.votes, 1: (t.votes as Record<string, number>)['1']! + 3 } } as Tally) : t));
    const [faithful, changed] = await withEnrolledDevice(data, init.chairCode, async (device) => {
      // The hall's laptops synced every form; the first is still only verified on the server.
      const synced = forms.map((t, i) => (i === 0 ? { ...t, status: 'verified' as const } : t));
      for (let i = 0; i < synced.length; i += 200) {
        const ops = await Promise.all(synced.slice(i, i + 200).map((t) => signedOp(device.keys.privateKey, t, 0)));
        const res = await device.app.request('/api/push', {
          method: 'POST',
          headers: { authorization: `Bearer ${device.enrolment.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ops }),
        });
        expect(PushResponseSchema.parse(await res.json()).results.every((r) => r.status === 'applied')).toBe(true);
      }
      return [await signWith(device, forms), await signWith(device, edited)];
    });

    const changedPath = await writeJson(tmp.path('changed.json'), changed!);
    const g = summaryHashGroups(await summaryHash(changed!));
    const refused = await run('server', 'import-summary', changedPath, '--groups', `3:${g[2]},4:${g[3]}`, '--data-dir', data, '--lang', 'en');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`so nothing is stored: TPS ${edited[5]!.tps}, President, `);
    expect(refused.err).toContain(`(votes.1): summary ${(edited[5]!.votes as Record<string, number>)['1']}, this server ${(forms[5]!.votes as Record<string, number>)['1']}.`);

    const path = await writeJson(tmp.path('summary.json'), faithful!);
    const h = summaryHashGroups(await summaryHash(faithful!));
    const ok = await run('server', 'import-summary', path, '--groups', `3:${h[2]},4:${h[3]}`, '--data-dir', data, '--lang', 'en');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('\nPresident: 363/364 TPS final on this server (checked against the synced forms).\n');
  });
});
