import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../data-source-options.js';
import { runDemoSeed, type DemoSeedStep } from './demo-seed.js';

describe('the demo seed runner', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource(
      await buildDataSourceOptions({ url: process.env.DATABASE_URL as string }),
    );
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE seed_probe (code text PRIMARY KEY)');
  });

  afterAll(async () => {
    await dataSource.query('DROP TABLE IF EXISTS seed_probe');
    await dataSource.destroy();
  });

  const insert = (code: string): DemoSeedStep => ({
    name: `insert ${code}`,
    run: async (manager) => {
      await manager.query('INSERT INTO seed_probe VALUES ($1) ON CONFLICT DO NOTHING', [code]);
    },
  });
  const codes = async (): Promise<string[]> =>
    (await dataSource.query<{ code: string }[]>('SELECT code FROM seed_probe ORDER BY code')).map(
      (row) => row.code,
    );

  it('runs the steps in order, and running it again changes nothing', async () => {
    const steps = [insert('a'), insert('b')];
    expect(await runDemoSeed(dataSource, steps)).toEqual(['insert a', 'insert b']);
    expect(await runDemoSeed(dataSource, steps)).toEqual(['insert a', 'insert b']);
    expect(await codes()).toEqual(['a', 'b']);
  });

  it('leaves nothing of a seed whose step fails', async () => {
    const failing: DemoSeedStep = {
      name: 'fails',
      run: () => Promise.reject(new Error('broken step')),
    };
    await expect(runDemoSeed(dataSource, [insert('c'), failing])).rejects.toThrow('broken step');
    expect(await codes()).not.toContain('c');
  });
});
