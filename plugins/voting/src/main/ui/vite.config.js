/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// One ES module, ui/voting.js in the bundle's resources (target/classes/ui, which bnd packs into the jar; the plugin's
// UiContribution names it). `lit` and `@plenum/plugin-kit` stay bare imports: the page's import map sends them to the
// client's own copies, so the panel shares the client's lit and plugin kit. Everything else (the RFC 9474 client and its big-number code) is bundled: no CDN.
export default defineConfig({
  build: {
    outDir: '../../../target/classes/ui',
    emptyOutDir: true,
    target: 'es2022',
    minify: false, // readable in the browser's debugger; the module is small
    lib: { entry: 'src/voting.js', formats: ['es'], fileName: () => 'voting.js' },
    rollupOptions: { external: [/^lit($|\/)/, '@plenum/plugin-kit'] },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.js'],
    // RSA key generation and SJCL's big numbers take seconds on a loaded build machine; a loose bound, not a measure
    testTimeout: 60_000,
  },
});
