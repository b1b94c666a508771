import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@relais/database';
import { entities } from './entities.js';

describe('the committed migrations', () => {
  it('build exactly the schema the entities describe (else run npm run migration:generate)', async () => {
    const dataSource = new DataSource(
      buildDataSourceOptions({ url: process.env.DATABASE_URL as string, entities, poolSize: 1 }),
    );
    await dataSource.initialize();
    try {
      // What `migration:generate` would write, computed against the migrated test database.
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
