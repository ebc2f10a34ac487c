// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { RekapDb } from '../../../src/db/index.ts';
import { DexieSyncStore, httpTransport, localLock, SyncEngine } from '../../../src/sync/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { setSyncEngine } from '../../../src/ui/sync/engine.ts';
import { freshApp } from '../helpers.ts';
import { adminCode, startTestServer, type TestServer } from '../../sync/realServer.ts';

let server: TestServer | null = null;
afterEach(async () => {
  window.location.hash = '';
  await server?.close();
  server = null;
});

/** The chair's laptop enrolled at `url` with a server that knows `publicUrl` (or nothing); issues a clerk code. */
async function issueAt(url: string, publicUrl?: string): Promise<HTMLElement> {
  const db: RekapDb = await freshApp();
  server = await startTestServer(publicUrl ? { publicUrl } : {});
  const real = server;
  const engine = new SyncEngine({ store: new DexieSyncStore(db), lock: localLock(), transportFor: (u, token) => httpTransport({ serverUrl: u, token, fetch: real.fetch }) });
  setSyncEngine(db, engine);
  const enrolled = await engine.enrol({ serverUrl: url, code: await adminCode(real, 'chair'), deviceName: 'Laptop ketua', actor: 'Ketua' });
  if (!enrolled.ok) throw new Error(enrolled.error.en);
  window.location.hash = '#/sinkron';
  const user = userEvent.setup();
  render(<App />);
  await user.selectOptions(await screen.findByLabelText('Peran'), 'witness');
  await user.click(screen.getByRole('button', { name: 'Buat kode' }));
  return screen.findByTestId('issued-code');
}

describe('enrolment links carry the address other laptops use (issue 12, item 5)', () => {
  it('uses the server’s public address although the chair’s laptop enrolled at localhost', async () => {
    const issued = await issueAt('http://localhost:8787', 'http://192.168.1.20:8787');
    const code = within(issued).getByTestId('code-text').textContent!;
    expect(within(issued).getByTestId('code-link').getAttribute('href')).toBe(`http://192.168.1.20:8787/#/daftar/${code}`);
    expect(within(issued).getByRole('img', { name: /^Kode QR pendaftaran/ }).innerHTML).toMatch(/^<svg/);
  });

  it('shows no QR code that cannot work when only localhost is known, and says what to do', async () => {
    const issued = await issueAt('http://localhost:8787');
    expect(within(issued).queryByRole('img')).toBeNull();
    expect(within(issued).getByTestId('code-local-only').textContent).toMatch(/PUBLIC_URL/);
    // The code itself is still shown, to type by hand.
    expect(within(issued).getByTestId('code-text').textContent).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  });
});
