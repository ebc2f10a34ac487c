import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { initialJsBudget } from './scripts/initialJsBudget.ts';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // A new version is offered with a prompt and never applied by itself while a form is open.
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Rekap — Rekapitulasi Hasil Pemilu Tingkat Kecamatan',
        short_name: 'Rekap',
        description: 'Rekapitulasi hasil penghitungan suara (D.Hasil) tingkat kecamatan, bisa tanpa internet.',
        lang: 'id',
        display: 'standalone',
        start_url: '.',
        scope: '.',
        background_color: '#ffffff',
        theme_color: '#8b1d1d',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell, icons and the demo setup (so "Mulai demo Puger" works offline too).
        globPatterns: ['**/*.{js,css,html,png,svg,ico,json,webmanifest}'],
        navigateFallback: 'index.html',
        // Most screens are chunks loaded on first use: the first visit's page must be served by the
        // worker as soon as it is installed, so that a screen first opened offline still loads.
        // (Updates still wait for the prompt: claiming only takes pages no worker controls yet.)
        clientsClaim: true,
        navigateFallbackDenylist: [/^\/api\//],
      },
    }),
    // Issue 13's target is 150 kB; the libraries alone (React DOM, Dexie, zod, i18next) are ~140 kB.
    // The budget sits just above what the build needs now (docs/BENCHMARKS.md, "Initial JavaScript").
    initialJsBudget({ budgetKb: 210, targetKb: 150 }),
  ],
  build: {
    target: 'es2022',
    // Maps for profiling a build, without the comment that would make browsers ask the server for them.
    sourcemap: 'hidden',
    // Every chunk's gzipped size in the build output (Vite's default, kept on deliberately).
    reportCompressedSize: true,
    rolldownOptions: {
      treeshake: {
        // The layers below the UI (README.md, "Layout") do nothing on import but define things; zod
        // schemas built at module level would otherwise keep every module the db barrel names.
        moduleSideEffects: [{ test: /\/src\/(domain|api|db|sync)\//, sideEffects: false }],
      },
    },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
