// Shared test setup. DOM tests get Testing Library's cleanup and matchers-free assertions;
// IndexedDB is provided by fake-indexeddb in every environment so db code runs under Node too.
import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';

afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});
