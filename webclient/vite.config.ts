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
    sourcemap: true,
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
