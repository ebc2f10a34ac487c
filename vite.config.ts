import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

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
        navigateFallbackDenylist: [/^\/api\//],
      },
    }),
  ],
  build: { target: 'es2022', sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173 },
});
