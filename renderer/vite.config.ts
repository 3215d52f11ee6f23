import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer build, served unchanged by Electron (app://) and by web mode (http://127.0.0.1). Relative asset
 * URLs work under both; no inline scripts or styles, so the strict CSP (script-src/style-src 'self') holds.
 */
export default defineConfig({
  root,
  base: './',
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
  plugins: [react()],
  // The renderer may import the contract only (types and zod schemas; lint enforces it).
  resolve: { alias: { '@contract': fileURLToPath(new URL('../core/api/contract/index.ts', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    // A data: URL for small assets would need a looser CSP for fonts/scripts; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rollupOptions: { input: { index: fileURLToPath(new URL('./index.html', import.meta.url)) } },
  },
});
