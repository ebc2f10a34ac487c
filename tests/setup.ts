// Shared test setup. DOM tests get Testing Library's cleanup and matchers-free assertions;
// IndexedDB is provided by fake-indexeddb in every environment so db code runs under Node too.
import 'fake-indexeddb/auto';
import { afterEach, beforeAll } from 'vitest';

// Most screens are loaded on first use (src/ui/app/routes.tsx): in a test the first import of one
// transforms its modules, which can take longer than Testing Library's default wait of 1 s.
beforeAll(async () => {
  if (typeof document !== 'undefined') {
    const { configure } = await import('@testing-library/react');
    configure({ asyncUtilTimeout: 5_000 });
  }
});

afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});
