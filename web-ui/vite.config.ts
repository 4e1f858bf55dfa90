/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The bundle goes straight into the jar's resources: the server serves META-INF/plenum-web/ at "/".
// Three entries: the app (index.html); vendor/lit.js, a stable, unhashed module that re-exports lit; and
// vendor/plugin-kit.js (src/plugins/plugin-kit.ts). index.html's import map points "lit" and "@plenum/plugin-kit" at
// them, so runtime-loaded plugin UI modules share the client's lit and the kit's helpers.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'target/classes/META-INF/plenum-web',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0, // no data: URLs for scripts; images may still use data: (CSP img-src)
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { index: 'index.html', lit: 'src/shared/lit-vendor.ts', kit: 'src/plugins/plugin-kit.ts' },
      preserveEntrySignatures: 'strict',
      output: {
        entryFileNames: (chunk) => (chunk.name === 'lit' ? 'vendor/lit.js' : chunk.name === 'kit' ? 'vendor/plugin-kit.js' : 'assets/[name]-[hash].js'),
        // lit's own modules in one hashed chunk that vendor/lit.js and the app both import
        manualChunks: (id) => (/node_modules\/(lit|lit-html|lit-element|@lit)\//.test(id) ? 'lit-core' : undefined),
      },
    },
  },
  server: {
    // `npm run dev` against a server on the default port
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/plugins': 'http://127.0.0.1:8080',
      '/signaling': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
});
