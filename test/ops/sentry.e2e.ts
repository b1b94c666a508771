import { DataSource } from 'typeorm';
import { eventually } from '../notifications/notification-support.js';
import {
  ADD_NOTE,
  type ChildWorld,
  createPersonalFile,
  PERSONAL,
  personalDataIn,
  type Receiver,
  startChildWorld,
  startReceiver,
} from './observability-support.js';
import { startFromEmptyTables } from '../support/app.js';

/** The JSON items of Sentry envelopes (a header line, then item header and payload lines). */
function eventsIn(sentry: Receiver): Record<string, unknown>[] {
  return sentry.received
    .filter((request) => request.path.startsWith('/api/1/envelope'))
    .flatMap((request) => {
      const lines = request.body.split('\n').filter((line) => line.trim() !== '');
      const events: Record<string, unknown>[] = [];
      for (let index = 1; index + 1 < lines.length; index += 2) {
        const header = JSON.parse(lines[index] ?? '{}') as { type?: string };
        if (header.type === 'event') {
          events.push(JSON.parse(lines[index + 1] ?? '{}') as Record<string, unknown>);
        }
      }
      return events;
    });
}

/**
 * A note the database refuses with a message quoting it and the person's email, as a real
 * database error can (a trigger, a constraint's detail): an internal error the client sees as
 * INTERNAL_SERVER_ERROR and Sentry receives, with the note text and email in the request body
 * and in the database's message.
 */
const refuseNotes = (sqlstate: string): string => `
  CREATE FUNCTION ops_test_refuse_note() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'refused note "%" about %', NEW.body,
      (SELECT email FROM person WHERE id = NEW.person_id) USING ERRCODE = '${sqlstate}';
  END $$;
  CREATE TRIGGER ops_test_refuse_note BEFORE INSERT ON note
    FOR EACH ROW EXECUTE FUNCTION ops_test_refuse_note();`;
const ALLOW_NOTES = `
  DROP TRIGGER IF EXISTS ops_test_refuse_note ON note;
  DROP FUNCTION IF EXISTS ops_test_refuse_note();`;

describe('error reporting (SENTRY_DSN)', () => {
  startFromEmptyTables();
  let sentry: Receiver;
  let world: ChildWorld | undefined;
  let database: DataSource;
  let personId: string;

  beforeAll(async () => {
    sentry = await startReceiver();
    database = await new DataSource({
      type: 'postgres',
      url: process.env.DATABASE_URL,
    }).initialize();
    await database.query(ALLOW_NOTES);
    const dsn = new URL(sentry.url);
    dsn.username = 'publickey';
    dsn.pathname = '/1';
    world = await startChildWorld({
      SENTRY_DSN: dsn.href,
      SENTRY_ENVIRONMENT: 'ops-test',
      SENTRY_RELEASE: 'relais-ops-1',
    });
    personId = await createPersonalFile(world);
  });

  afterAll(async () => {
    await database?.query(ALLOW_NOTES).catch(() => undefined);
    await database?.destroy();
    await world?.close();
    await sentry?.close();
  });

  it('reports an internal error without the personal data of its request or its message', async () => {
    await database.query(refuseNotes('P0001'));
    const refused = await world!.caseworker.execute(ADD_NOTE, {
      input: { personId, body: PERSONAL.note },
    });
    await database.query(ALLOW_NOTES);
    expect(refused.errors?.[0]).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });

    const [event] = await eventually(
      () => Promise.resolve(eventsIn(sentry)),
      (events) => events.length > 0,
    );
    expect(event).toMatchObject({
      environment: 'ops-test',
      release: 'relais-ops-1',
      exception: {
        values: [
          expect.objectContaining({
            value: 'database error P0001 (its message is withheld: it can quote values)',
          }) as unknown,
        ],
      },
    });
    const everything = sentry.received.map((request) => request.body).join('\n');
    expect(personalDataIn(everything)).toEqual([]);
    expect(everything).not.toContain('authorization');
    expect(everything).not.toContain(world!.accessToken);
  });

  it('reports nothing for what the client got wrong', async () => {
    const before = eventsIn(sentry).length;
    const refused = await world!.caseworker.execute(ADD_NOTE, {
      input: { personId: '00000000-0000-4000-8000-000000000000', body: PERSONAL.note },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // An internal error after it (another SQLSTATE: Sentry drops a repeat of the same error):
    // once its report has arrived, the refusal's would have too.
    await database.query(refuseNotes('P0003'));
    const failed = await world!.caseworker.execute(ADD_NOTE, {
      input: { personId, body: PERSONAL.note },
    });
    await database.query(ALLOW_NOTES);
    expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const events = await eventually(
      () => Promise.resolve(eventsIn(sentry)),
      (all) => all.length > before,
    );
    expect(events).toHaveLength(before + 1);
    expect(JSON.stringify(events.at(-1))).toContain('database error P0003');
  });
});
