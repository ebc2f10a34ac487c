// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getSettings, setSetting, type RekapDb } from '../../src/db/index.ts';
import { App } from '../../src/ui/app/App.tsx';
import { formatFigure, formatWib } from '../../src/ui/common/format.ts';
import { useLanguage } from '../../src/ui/common/language.tsx';
import { i18n } from '../../src/ui/i18n/i18n.ts';
import { freshApp } from './helpers.ts';

let db: RekapDb;
beforeEach(async () => {
  db = await freshApp();
});

function ShowLanguage() {
  return <output data-testid="lang">{useLanguage()}</output>;
}

describe('language', () => {
  it('is Bahasa Indonesia by default and switches to English from the header, persisted', async () => {
    const user = userEvent.setup();
    render(
      <>
        <App />
        <ShowLanguage />
      </>,
    );
    expect(await screen.findByRole('heading', { name: 'Selamat datang di Rekap' })).toBeTruthy();
    expect(screen.getByTestId('lang').textContent).toBe('id');
    expect(document.documentElement.lang).toBe('id');

    await user.selectOptions(screen.getByLabelText('Bahasa'), 'en');
    expect(await screen.findByRole('heading', { name: 'Welcome to Rekap' })).toBeTruthy();
    expect(screen.getByLabelText('Operator name')).toBeTruthy();
    expect(screen.getByTestId('lang').textContent).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect((await getSettings(db)).language).toBe('en');

    await user.selectOptions(screen.getByLabelText('Language'), 'id');
    expect(await screen.findByRole('heading', { name: 'Selamat datang di Rekap' })).toBeTruthy();
    expect((await getSettings(db)).language).toBe('id');
  });

  it('starts in the stored language', async () => {
    await setSetting(db, 'language', 'en');
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Welcome to Rekap' })).toBeTruthy();
    const header = screen.getByRole('banner');
    expect(within(header).getByRole('status').textContent).toMatch(/Online|Offline/);
    await i18n.changeLanguage('id');
  });

  it('formats numbers id-ID and times in WIB', () => {
    expect(formatFigure(1234, 'id')).toBe('1.234');
    expect(formatFigure(1234, 'en')).toBe('1,234');
    expect(formatFigure(null, 'id')).toBe('—');
    expect(formatFigure(0, 'id')).toBe('0');
    // 01:00 UTC is 08.00 in Jakarta, whatever zone the test machine is in.
    expect(formatWib('2024-02-18T01:00:00Z', 'id')).toBe('18 Feb 2024, 08.00 WIB');
  });
});
