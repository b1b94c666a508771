import { readFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { TestApp } from '@relais/testing';
import { printSchemaSdl } from '../../apps/api/src/graphql/schema-sdl.js';
import { startRelais } from '../support/app.js';

describe('the committed GraphQL schema', () => {
  let relais: TestApp;

  beforeAll(async () => {
    relais = await startRelais();
  });

  afterAll(async () => {
    await relais.close();
  });

  it('is exactly the schema the API serves (else run npm run schema:generate and commit it)', async () => {
    const served = printSchemaSdl(relais.app.get(GraphQLSchemaHost).schema);
    const committed = await readFile(new URL('../../schema.gql', import.meta.url), 'utf8');
    expect(served).toBe(committed);
  });
});
