import { createElement, lazy, useState, type ComponentType, type ReactElement, type ReactNode } from 'react';

/** A function component taking any props (`never`: every props type is assignable to it). */
type AnyScreen = (props: never) => ReactNode;
/** A screen's props; a screen without parameters takes none. */
type PropsOf<C extends AnyScreen> = C extends (props: infer P) => ReactNode ? (unknown extends P ? object : P & object) : never;

/** How long a failed load keeps failing before a new mount tries again. */
export const RETRY_AFTER_MS = 1_000;

/** A component whose module is fetched on first use (or on `preload`), a chunk of its own. */
export interface LazyScreen<P extends object> {
  (props: P): ReactElement;
  /** Fetches the module now, so that the first render need not wait (and show "Memuat…"). */
  preload(): Promise<void>;
}

/**
 * A lazily loaded named export (the code base has no default exports). Unlike React.lazy alone it
 * can be preloaded, and a screen mounted after its module arrived renders at once: React keeps a
 * Suspense fallback on screen for at least 300 ms once shown, so it must not suspend at all then.
 * Until then React.lazy does the waiting. A failed load (a chunk missing offline) reaches the error
 * boundary, and a mount after RETRY_AFTER_MS tries again.
 */
export function lazyNamed<M extends Record<K, AnyScreen>, K extends keyof M & string, P extends object = PropsOf<M[K]>>(load: () => Promise<M>, name: K): LazyScreen<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = (): Promise<ComponentType<P>> => {
    loading ??= load().then(
      (module) => (loaded = module[name] as unknown as ComponentType<P>),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };

  // The React.lazy a mount waits with. One whose load failed keeps failing for a moment, so that
  // the error reaches the boundary (React renders again after an error before it gives up), then
  // it is replaced: the screen mounted later (another route, back online) loads again.
  let waiting: { type: ComponentType<P>; failedAt: number | null } | null = null;
  const waitFor = () => {
    const wait: { type: ComponentType<P>; failedAt: number | null } = {
      type: lazy(async () => {
        try {
          return { default: await start() };
        } catch (error) {
          wait.failedAt = Date.now();
          throw error;
        }
      }),
      failedAt: null,
    };
    return wait;
  };
  const pick = (): ComponentType<P> => {
    if (loaded) return loaded;
    if (waiting?.failedAt != null && Date.now() - waiting.failedAt > RETRY_AFTER_MS) waiting = null;
    return (waiting ??= waitFor()).type;
  };

  const Screen = (props: P): ReactElement => {
    // Chosen once per mount: switching from the lazy wrapper to the module's own component would
    // remount the screen and lose what was typed into it.
    const [type] = useState<ComponentType<P>>(pick);
    return createElement(type, props);
  };
  return Object.assign(Screen, { preload: () => start().then(() => undefined) });
}
