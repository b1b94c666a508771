import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { buildDataSourceOptions, type EntityList } from '@relais/database';
import { entities } from './entities.js';

/** An entity no migration knows: the check below must notice it. */
@Entity('drift_canary')
class DriftCanaryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  label!: string;
}

/** The SQL `migration:generate` would write for these entities on the migrated test database. */
async function pendingSchemaChanges(list: EntityList): Promise<string[]> {
  const dataSource = new DataSource(
    await buildDataSourceOptions({
      url: process.env.DATABASE_URL as string,
      entities: list,
      poolSize: 1,
    }),
  );
  await dataSource.initialize();
  try {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    return pending.upQueries.map((query) => query.query);
  } finally {
    await dataSource.destroy();
  }
}

describe('the committed migrations', () => {
  it('build exactly the schema the entities describe (else run npm run migration:generate)', async () => {
    expect(await pendingSchemaChanges(entities)).toEqual([]);
  });

  it('are found wanting when an entity has no migration', async () => {
    const changes = await pendingSchemaChanges([...(entities as []), DriftCanaryEntity]);
    expect(changes).toEqual([expect.stringContaining('CREATE TABLE "drift_canary"')]);
  });
});
