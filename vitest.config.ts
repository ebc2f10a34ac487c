import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Tests default to Node; DOM tests opt in with a `// @vitest-environment jsdom` docblock.
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    setupFiles: ['tests/setup.ts'],
  },
});
