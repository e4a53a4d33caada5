import { defineConfig } from 'vite';

// The renderer is a plain React app; esbuild compiles its TSX, no plugin needed.
// `base: './'` so the same build loads from file:// (Electron) and over HTTP (browser host).
export default defineConfig({
  root: 'renderer',
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
