// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { UpdatePromptView } from '../../src/ui/pwa/UpdatePromptView.tsx';

const noop = () => undefined;

describe('new version prompt', () => {
  it('offers the new version and applies it only on the user’s click', async () => {
    const user = userEvent.setup();
    const onReload = vi.fn();
    render(<UpdatePromptView needRefresh offlineReady={false} onReload={onReload} onLater={noop} onDismissOfflineReady={noop} />);
    expect(screen.getByRole('alert').textContent).toContain('Versi baru tersedia — muat ulang');
    expect(onReload).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Muat ulang' }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it('says when the app is ready offline, and shows nothing otherwise', () => {
    const { rerender } = render(<UpdatePromptView needRefresh={false} offlineReady onReload={noop} onLater={noop} onDismissOfflineReady={noop} />);
    expect(screen.getByTestId('offline-ready').textContent).toContain('Aplikasi siap dipakai tanpa internet.');
    rerender(<UpdatePromptView needRefresh={false} offlineReady={false} onReload={noop} onLater={noop} onDismissOfflineReady={noop} />);
    expect(screen.queryByTestId('offline-ready')).toBeNull();
  });
});
