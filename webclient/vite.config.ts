import { defineConfig } from 'vitest/config';

// Preact without a framework plugin: the JSX transform is configured directly.
// Vite 8 transforms TS/JSX with Oxc (its `esbuild` option is deprecated), so the
// automatic runtime with preact as import source is set here.
export default defineConfig({
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    target: 'es2022',
    // no source maps: the jar would serve our whole source (1.8 MB) to anyone; WebClientAssetsTest checks
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
