/**
 * `npm run schema:generate`: boots the API (without listening) and writes the GraphQL schema it
 * builds to schema.gql, which is committed and checked by a test.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ensureDatabaseExists, runPendingMigrations } from '@relais/database';
import { AppModule } from '../app.module.js';
import { printSchemaSdl } from '../graphql/schema-sdl.js';
import { openLocalDatabase } from '../launcher/local-database.js';
import { findProjectRoot } from '../package-info.js';
import { runTool } from './run-tool.js';

let url = '';
runTool(
  'schema',
  async () => {
    const database = await openLocalDatabase({ shareRunning: true });
    url = database.url;
    try {
      await ensureDatabaseExists(database.url);
      await runPendingMigrations(database.url);
      process.env.DATABASE_URL = database.url;
      const app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
      await app.init();
      const sdl = printSchemaSdl(app.get(GraphQLSchemaHost).schema);
      await app.close();
      await writeFile(join(findProjectRoot(), 'schema.gql'), sdl);
      process.stdout.write('relais: wrote schema.gql\n');
    } finally {
      await database.release();
    }
  },
  () => url,
);
