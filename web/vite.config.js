// Builds the dashboard into dist/ (or $PARLEY_WEB_OUT), served by
// `parley serve` from the same origin as the API. Everything it needs
// (d3, topojson-client, the world-atlas country shapes) is bundled: nothing
// is fetched from the internet at run time.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: {
    outDir: process.env.PARLEY_WEB_OUT || 'dist',
    emptyOutDir: true,
    // The CSP (script-src 'self') forbids inline scripts: keep none.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    // `npm run dev` against a running `parley serve` on 8080.
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
});
