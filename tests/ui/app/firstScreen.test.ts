import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module: its "drawn" state lasts for the page's life. */
async function freshModule() {
  vi.resetModules();
  return import('../../../src/ui/app/firstScreen.ts');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('background work waits for the first screen', () => {
  it('loads nothing until the first screen is drawn, then at once', async () => {
    const { afterFirstScreen, firstScreenDrawn } = await freshModule();
    const load = vi.fn(() => Promise.resolve('chunk'));
    const loading = afterFirstScreen(load)();
    await Promise.resolve();
    expect(load).not.toHaveBeenCalled();
    firstScreenDrawn();
    await expect(loading).resolves.toBe('chunk');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('starts anyway after FIRST_SCREEN_LIMIT_MS when no screen says it is drawn', async () => {
    vi.useFakeTimers();
    const { afterFirstScreen, FIRST_SCREEN_LIMIT_MS } = await freshModule();
    const load = vi.fn(() => Promise.resolve('chunk'));
    const loading = afterFirstScreen(load)();
    await vi.advanceTimersByTimeAsync(FIRST_SCREEN_LIMIT_MS - 1);
    expect(load).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await expect(loading).resolves.toBe('chunk');
  });
});
