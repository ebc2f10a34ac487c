// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/ui/app/App.tsx';
import { freshApp } from '../helpers.ts';

beforeEach(async () => {
  await freshApp();
});

describe('the name typed on the first-run screen', () => {
  it('fills the name in "Hubungkan ke server", and is still there on the way back', async () => {
    const user = userEvent.setup();
    render(<App />);
    await user.type(await screen.findByLabelText('Nama operator'), 'Siti Aminah');
    await user.click(screen.getByRole('link', { name: 'Hubungkan ke server' }));

    expect(await screen.findByRole('heading', { name: 'Hubungkan ke server' })).toBeTruthy();
    expect(screen.getByLabelText('Nama operator')).toHaveProperty('value', 'Siti Aminah');

    window.history.back();
    expect(await screen.findByRole('heading', { name: 'Selamat datang di Rekap' })).toBeTruthy();
    expect(screen.getByLabelText('Nama operator')).toHaveProperty('value', 'Siti Aminah');
  });

  it('leaves the field empty when nothing was typed', async () => {
    window.location.hash = '#/daftar';
    render(<App />);
    expect(await screen.findByLabelText('Nama operator')).toHaveProperty('value', '');
  });
});
