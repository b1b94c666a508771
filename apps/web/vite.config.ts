import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './vite-precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

// The caseworkers' web client. `npm run build` writes it to dist/web, which the API serves at
// `/`; `npm run web:dev` serves it with hot reload, talking to an API started by `npm start`.
export default defineConfig({
  root,
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic' } },
  // Brotli and gzip copies of the built files, served by the API to browsers that accept them.
  plugins: [precompress()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // No source map in the build: none to leak wherever dist/web is copied (the API also
    // refuses any .map in production). `npm run web:dev` serves the sources with their maps.
    sourcemap: false,
    // The shell every page loads (the pages are chunks of their own: src/app/pages.ts); past
    // this, look at `npm run web:perf` and its budget of 250 KB compressed.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      // The design system's "use client" markers are for React Server Components: not ours.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:3000', ws: true },
      '/auth': 'http://127.0.0.1:3000',
      '/people': 'http://127.0.0.1:3000',
      '/territories': 'http://127.0.0.1:3000',
      '/email': 'http://127.0.0.1:3000',
      '/legal': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
