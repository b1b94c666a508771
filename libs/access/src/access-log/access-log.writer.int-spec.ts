import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@relais/database';
import { AccessGround } from './access-ground.js';
import { AccessLogWriter } from './access-log.writer.js';
import { verifyAccessLog } from './access-log.verifier.js';
import type { FileViewer } from '../file-access/file-viewer.js';

const viewer = (territoryId: string, ground = AccessGround.TEAM_MEMBER): FileViewer => {
  const accountId = randomUUID();
  return {
    principal: { kind: 'account', accountId, sessionId: randomUUID(), memberships: [] },
    personId: randomUUID(),
    territoryId,
    ground,
    membershipId: randomUUID(),
    accountId,
    clientId: null,
    teamRole: 'FOLLOWER',
    canWrite: true,
    canReadSensitive: false,
    canReadNir: false,
    structureIds: [],
  };
};

/** Two API instances logging reads into the same database at once. */
describe('AccessLogWriter', () => {
  const instances: DataSource[] = [];
  const statements: string[] = [];

  beforeAll(async () => {
    for (let index = 0; index < 2; index += 1) {
      const dataSource = await new DataSource(
        await buildDataSourceOptions({ url: process.env.DATABASE_URL as string, poolSize: 3 }),
      ).initialize();
      const query = dataSource.query.bind(dataSource);
      dataSource.query = ((text: unknown, ...rest: unknown[]) => {
        statements.push(typeof text === 'string' ? text : 'prepared');
        return (query as (...args: unknown[]) => unknown)(text, ...rest);
      }) as DataSource['query'];
      instances.push(dataSource);
    }
  });

  afterAll(async () => {
    await Promise.all(instances.map((dataSource) => dataSource.destroy()));
  });

  const rowsOf = async (territoryId: string) =>
    instances[0].query<{ person_id: string; ground: string }[]>(
      'SELECT person_id, ground FROM access_log WHERE territory_id = $1 ORDER BY id',
      [territoryId],
    );

  it('logs every read of many at once from two instances, each chain intact, in fewer statements than reads', async () => {
    const writers = instances.map((dataSource) => new AccessLogWriter(dataSource));
    const territories = [randomUUID(), randomUUID(), randomUUID()];
    const reads = Array.from({ length: 90 }, (_, index) => viewer(territories[index % 3]));
    statements.length = 0;

    await Promise.all(reads.map((read, index) => writers[index % 2].recordFileRead(read)));

    for (const territoryId of territories) {
      const rows = await rowsOf(territoryId);
      expect(rows.map((row) => row.person_id).sort()).toEqual(
        reads
          .filter((read) => read.territoryId === territoryId)
          .map((read) => read.personId)
          .sort(),
      );
    }
    const report = await verifyAccessLog(instances[0]);
    expect(report.firstBreak).toBeNull();
    for (const territoryId of territories) {
      expect(report.territories.find((chain) => chain.territoryId === territoryId)).toMatchObject({
        rowsChecked: 30,
        firstBreak: null,
      });
    }
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.length).toBeLessThan(reads.length);
  });

  it('answers a read at once when nothing else is being written', async () => {
    const writer = new AccessLogWriter(instances[0]);
    const territoryId = randomUUID();
    statements.length = 0;
    await writer.recordFileRead(viewer(territoryId, AccessGround.ORIENTATION_MANAGER));
    // One write: lock the head and number and stamp the row (one statement), insert it (hashed
    // in Node, with the key).
    expect(statements).toHaveLength(2);
    expect((await rowsOf(territoryId)).map((row) => row.ground)).toEqual(['ORIENTATION_MANAGER']);
  });

  it('fails every read of a statement the database refuses, then logs the next ones', async () => {
    const writer = new AccessLogWriter(instances[0]);
    const territoryId = randomUUID();
    const refused = viewer(territoryId, 'NOT_A_GROUND' as AccessGround);
    const first = writer.recordFileRead(viewer(territoryId));
    // Both wait for the first statement, then go together in the second, which fails.
    const together = [writer.recordFileRead(refused), writer.recordFileRead(viewer(territoryId))];
    await first;
    const outcomes = await Promise.allSettled(together);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);

    await writer.recordFileRead(viewer(territoryId));
    expect(await rowsOf(territoryId)).toHaveLength(2);
    const report = await verifyAccessLog(instances[0]);
    expect(report.firstBreak).toBeNull();
  });
});
