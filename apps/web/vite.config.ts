import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The caseworkers' web client. `npm run build` writes it to dist/web, which the API serves at
// `/`; `npm run web:dev` serves it with hot reload, talking to an API started by `npm start`.
export default defineConfig({
  root,
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Production builds link no source map (and the API never serves one in production).
    sourcemap: process.env.NODE_ENV === 'production' ? false : true,
    chunkSizeWarningLimit: 1500,
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
