// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Component, Suspense, useState, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { lazyNamed, RETRY_AFTER_MS } from '../../../src/ui/app/lazyNamed.ts';

/** A screen with state of its own, to see whether it was mounted again. */
function Counter(props: { label: string }) {
  const [count, setCount] = useState(0);
  return (
    <button type="button" onClick={() => setCount((c) => c + 1)}>
      {props.label} {count}
    </button>
  );
}

/** A module load the test resolves or refuses when it wants. */
function gatedModule() {
  const load = vi.fn<() => Promise<{ Counter: typeof Counter }>>();
  const gates: { open: () => void; fail: (error: Error) => void }[] = [];
  load.mockImplementation(
    () =>
      new Promise((resolve, reject) => {
        gates.push({ open: () => resolve({ Counter }), fail: reject });
      }),
  );
  return { load, gates };
}

const fallback = <p role="status">Memuat…</p>;

class Boundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <p role="alert">{this.state.error.message}</p> : this.props.children;
  }
}

describe('lazyNamed', () => {
  it('shows the fallback while the module loads, then the named export', async () => {
    const { load, gates } = gatedModule();
    const Lazy = lazyNamed(load, 'Counter');
    render(<Suspense fallback={fallback}><Lazy label="Hitung" /></Suspense>);
    expect(screen.getByRole('status').textContent).toBe('Memuat…');
    expect(screen.queryByRole('button')).toBeNull();
    await act(async () => gates[0]!.open());
    expect((await screen.findByRole('button')).textContent).toBe('Hitung 0');
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('renders at once, without a fallback, once preloaded; the module is loaded once', async () => {
    const { load, gates } = gatedModule();
    const Lazy = lazyNamed(load, 'Counter');
    const preloaded = Lazy.preload();
    gates[0]!.open();
    await preloaded;
    render(<Suspense fallback={fallback}><Lazy label="Hitung" /></Suspense>);
    // Synchronously: React never saw a pending load, so it never showed (and held) the fallback.
    expect(screen.getByRole('button').textContent).toBe('Hitung 0');
    expect(screen.queryByRole('status')).toBeNull();
    await Lazy.preload();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps one component type per mount: what a loaded screen holds survives later renders', async () => {
    const { load, gates } = gatedModule();
    const Lazy = lazyNamed(load, 'Counter');
    const { rerender } = render(<Suspense fallback={fallback}><Lazy label="Hitung" /></Suspense>);
    await act(async () => gates[0]!.open());
    await userEvent.click(await screen.findByRole('button'));
    expect(screen.getByRole('button').textContent).toBe('Hitung 1');
    // Rendering again (new props) must not swap the component type, which would remount and reset it.
    rerender(<Suspense fallback={fallback}><Lazy label="Jumlah" /></Suspense>);
    expect(screen.getByRole('button').textContent).toBe('Jumlah 1');
  });

  it('tries a failed load again on the next mount (a chunk missing offline, then back online)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { load, gates } = gatedModule();
    const Lazy = lazyNamed(load, 'Counter');
    const tree = (key: string) => (
      <Boundary key={key}>
        <Suspense fallback={fallback}><Lazy label="Hitung" /></Suspense>
      </Boundary>
    );
    const { rerender } = render(tree('first'));
    await act(async () => gates[0]!.fail(new Error('Failed to fetch dynamically imported module')));
    expect((await screen.findByRole('alert')).textContent).toBe('Failed to fetch dynamically imported module');
    expect(load).toHaveBeenCalledTimes(1);

    await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS + 50));
    rerender(tree('second'));
    expect(load).toHaveBeenCalledTimes(2);
    await act(async () => gates[1]!.open());
    expect((await screen.findByRole('button')).textContent).toBe('Hitung 0');
  });
});
