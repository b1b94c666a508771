import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';

/**
 * The caseworkers' web client (apps/web), built by Vite into dist/web and served by the API at
 * `/`, so one process brings up the whole product. Client routes are French paths
 * (`/personnes/…`); the API's own paths are excluded and answer as before.
 */
export const API_PATHS = [
  '/graphql{*rest}',
  '/auth/{*rest}',
  '/health/{*rest}',
  '/socket.io/{*rest}',
  '/people/{*rest}',
  '/territories/{*rest}',
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

function setHeaders(response: ServerResponse, path: string): void {
  response.setHeader('Content-Security-Policy', WEB_CONTENT_SECURITY_POLICY);
  // Vite names built assets by their content hash: they never change. The page itself does.
  response.setHeader(
    'Cache-Control',
    /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

@Module({})
export class WebClientModule {
  static register(rootPath = webClientDirectory()): DynamicModule {
    if (!rootPath) {
      new Logger(WebClientModule.name).warn(
        'the web client is not built (npm run build): the API answers alone',
      );
      return { module: WebClientModule };
    }
    return {
      module: WebClientModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath,
          exclude: API_PATHS,
          serveStaticOptions: { index: 'index.html', setHeaders, dotfiles: 'ignore' },
        }),
      ],
    };
  }
}
