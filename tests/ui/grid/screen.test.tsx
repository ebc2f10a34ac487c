// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { saveSetup, setFigure, setSetting } from '../../../src/db/index.ts';
import { App } from '../../../src/ui/app/App.tsx';
import { freshApp } from '../helpers.ts';
import { DESA, TPS1, TPS3, gridCell, gridSetup } from './helpers.tsx';

describe('desa grid in the app', () => {
  it('is reached from the desa screen, for PPWP and DPD only, and leads back to it', async () => {
    const db = await freshApp();
    const setup = gridSetup();
    expect((await saveSetup(db, setup)).ok).toBe(true);
    await setSetting(db, 'operatorName', 'Siti');
    // A change not yet exported: the backup reminder shows on the list screens.
    expect((await setFigure(db, { tps: TPS3, contest: 'PPWP', path: 'valid', value: 5, actor: 'Siti' })).ok).toBe(true);
    const user = userEvent.setup();
    window.location.hash = `#/desa/${DESA}`;
    render(<App />);
    await screen.findByRole('heading', { name: 'MLOKOREJO', level: 1 });
    await screen.findByTestId('backup-reminder');
    const links = screen.getAllByRole('link', { name: /^Mode tabel desa: / });
    expect(links.map((a) => a.textContent)).toEqual(['Mode tabel desa: Presiden', 'Mode tabel desa: DPD']);
    await user.click(links[0]!);
    await waitFor(() => expect(window.location.hash).toBe(`#/tabel/${DESA}/PPWP`));
    await screen.findByTestId('desa-grid');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Mode tabel desa');
    // Not above the grid: a banner appearing after the first keystroke would shift every row.
    expect(screen.queryByTestId('backup-reminder')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(gridCell(TPS1, 'voters.dpt.male')));
    await user.click(screen.getByRole('link', { name: 'DPD' }));
    await waitFor(() => expect(screen.getByTestId('desa-grid').dataset.contest).toBe('DPD'));
    await user.click(screen.getByRole('link', { name: 'MLOKOREJO' }));
    await screen.findByRole('heading', { name: 'MLOKOREJO', level: 1 });
  });
});
