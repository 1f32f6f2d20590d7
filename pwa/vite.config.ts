import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { invitePage, INVITE_PAGE } from './invite-page-plugin.ts';
import { inlineHead, smallPreloadHelper } from './preload-plugin.ts';

/**
 * The PWA build: `npm run build` → pwa/dist, served by the server at `/`.
 * The service worker precaches the app shell so the app starts offline after one online
 * visit; it never caches /api/ (answers travel only through the outbox and /api/sync).
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  publicDir: 'public',
  // `npm run dev:pwa`: the API comes from the server (`npm run serve`, port 3000 by default).
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // A lazy chunk's scripts load as its imports; only its stylesheets are added beforehand, by
    // the small helper of preload-plugin.ts (docs/PWA.md "First load on a weak connection").
    modulePreload: false,
    reportCompressedSize: true,
    // The respondent's first load is the page (its stylesheet inline: preload-plugin.ts) and ONE
    // script: everything the entry imports statically, the Solid runtime included, in one chunk
    // (without this group the bundler splits what lazy chunks share into chunks of their own,
    // each a request and its headers more: docs/PWA.md "First load on a weak connection").
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] } } },
  },
  plugins: [
    solid(),
    inlineHead(),
    smallPreloadHelper(),
    invitePage(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg'],
      manifest: {
        name: 'Khảo sát CCHC',
        short_name: 'Khảo sát CCHC',
        description: 'Phiếu khảo sát xã hội học Chỉ số cải cách hành chính',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b5394',
        background_color: '#f3f5f8',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Served for a first visit only; once this worker runs, /r/<code> is the shell below.
        globIgnores: [INVITE_PAGE],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // No runtimeCaching: API calls go to the network only; the outbox keeps what matters.
      },
    }),
  ],
});
