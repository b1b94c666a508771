import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { type INestApplication, Logger } from '@nestjs/common';
import expressStaticGzip from 'express-static-gzip';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '@relais/core';

/**
 * The caseworkers' web client (apps/web), built by Vite into dist/web and served by the API at
 * `/`, so one process brings up the whole product. Its routes are French paths
 * (`/personnes/…`); the API's own paths below never get the page and answer as before.
 */
export const API_PATH_PREFIXES = [
  '/graphql',
  '/auth/',
  '/health/',
  '/legal/',
  '/email/',
  '/socket.io/',
  '/people/',
  '/territories/',
];

/**
 * The page's content policy: its own scripts only, no inline script, nothing framing it.
 * Inline styles are allowed because the design system sets a few through style attributes.
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** dist/web beside the project's package.json, from the sources (tests) or from dist. */
export function webClientDirectory(from = import.meta.dirname): string | undefined {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const built = join(dir, 'dist', 'web');
      return existsSync(join(built, 'index.html')) ? built : undefined;
    }
  }
  return undefined;
}

function setWebHeaders(response: ServerResponse, path: string): void {
  response.setHeader('Content-Security-Policy', WEB_CONTENT_SECURITY_POLICY);
  // Vite names built assets by their content hash: they never change. The page itself does.
  response.setHeader(
    'Cache-Control',
    /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

function isApiPath(path: string): boolean {
  return API_PATH_PREFIXES.some(
    (prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix),
  );
}

/**
 * Files of dist/web as they are (index.html at `/`); any other GET of a browser asking for a
 * page (`Accept: text/html`) that is not an API path gets index.html, and the client routes in
 * the browser. Registered as middleware, before the API's routes: API paths, and requests that
 * do not ask for HTML, go on to the API (and its guards) untouched. Without a build, the API
 * answers alone.
 */
export function serveWebClient(app: INestApplication, root = webClientDirectory()): void {
  if (!root) {
    new Logger('WebClient').warn(
      'the web client is not built (npm run build): the API answers alone',
    );
    return;
  }
  const express = app as NestExpressApplication;
  // Source maps are for the developer's machine: production never serves them (the build
  // links none either: vite.config.ts).
  if (app.get<AppConfig>(APP_CONFIG).nodeEnv === 'production') {
    express.use(
      (
        request: IncomingMessage & { path?: string },
        response: ServerResponse,
        next: () => void,
      ) => {
        if (!(request.path ?? request.url ?? '').endsWith('.map')) {
          next();
          return;
        }
        response.statusCode = 404;
        response.end();
      },
    );
  }
  // The build's Brotli and gzip copies (apps/web/vite-precompress.ts), the smallest the browser
  // accepts, with `Vary: Accept-Encoding` for caches; the file itself to the others. The copies
  // are listed once, at start: serve a new build by restarting.
  const staticFiles = expressStaticGzip(root, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: 'index.html',
    serveStatic: { dotfiles: 'ignore', setHeaders: setWebHeaders },
  }) as (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
  express.use(staticFiles);
  express.use(
    (request: IncomingMessage & { path?: string }, response: ServerResponse, next: () => void) => {
      const path = request.path ?? request.url ?? '/';
      const wantsPage = (request.headers.accept ?? '').includes('text/html');
      if (
        (request.method !== 'GET' && request.method !== 'HEAD') ||
        isApiPath(path) ||
        !wantsPage
      ) {
        next();
        return;
      }
      // The page, compressed as the files are.
      const url = request.url;
      request.url = '/index.html';
      staticFiles(request, response, () => {
        request.url = url;
        next();
      });
    },
  );
}
