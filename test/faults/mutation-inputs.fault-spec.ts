import { readFileSync } from 'node:fs';
import { Role } from '@relais/identity';
import { StructureType } from '@relais/organizations';
import {
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import fc from 'fast-check';
import { buildSchema, GraphQLEnumType } from 'graphql';
import { caseworkerOf, personFollowedBy } from '../notifications/notification-support.js';
import { startRelais } from '../support/app.js';

// `FUZZ_RUNS=500 npm run test:faults` for a longer hunt; a failure prints its seed and path.
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
/** Every table a refused mutation must leave alone. */
const TABLES = [
  'person',
  'team_member',
  'join_request',
  'note',
  'note_revision',
  'obstacle',
  'appointment',
  'handover',
  'timeline_event',
  'outbox_event',
];

const schema = buildSchema(readFileSync(new URL('../../schema.gql', import.meta.url), 'utf8'));
const enumValues = (name: string): string[] => {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an enum`);
  return type.getValues().map((value) => value.name);
};

/** PostgreSQL cannot store the NUL character in text: the API refuses it as BAD_USER_INPUT. */
const NUL = '\u0000';
const aString = (constraints: fc.StringConstraints) => fc.string(constraints);

/** Anything a careless or hostile client could send in place of a value. */
const junk = fc.oneof(
  fc.constant(null),
  aString({ maxLength: 40 }),
  aString({ unit: 'grapheme', maxLength: 40 }),
  aString({ unit: 'binary', maxLength: 40 }),
  fc.constant('x'.repeat(100_000)),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
);
const text = (max: number) =>
  fc.oneof(aString({ maxLength: max }), aString({ minLength: max, maxLength: max + 20 }), junk);
const anEnum = (name: string) => fc.oneof(fc.constantFrom(...enumValues(name)), junk);
const aDate = fc.oneof(
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  fc.constantFrom('2024-02-30', '31/12/1990', '0000-00-00', '9999-12-31T23:59:59Z'),
  junk,
);
const aNumber = fc.oneof(fc.integer({ min: -1_000, max: 100_000 }), fc.integer(), junk);
const aBoolean = fc.oneof(fc.boolean(), junk);

describe('property-based fuzzing of mutation inputs: never a 500, never a partial write', () => {
  let relais: TestApp;
  let referent: GraphqlHttpClient;
  let requester: GraphqlHttpClient;
  let ids: {
    person: string;
    territory: string;
    structure: string;
    target: string;
    targetAccount: string;
  };

  beforeAll(async () => {
    relais = await startRelais();
    const territory = await createTerritory(relais.dataSource);
    const departement = await createStructure(relais.dataSource, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    const missionLocale = await createStructure(relais.dataSource, territory, {
      type: StructureType.MISSION_LOCALE,
    });
    const owner = await caseworkerOf(relais, departement);
    const other = await caseworkerOf(relais, missionLocale, Role.PROFESSIONAL);
    const person = await personFollowedBy(relais, territory, owner);
    referent = owner.client;
    requester = other.client;
    ids = {
      person: person.id,
      territory: territory.id,
      structure: departement.id,
      target: missionLocale.id,
      targetAccount: other.account.id,
    };
  });

  afterAll(async () => {
    await relais?.close();
  });

  const counts = async (): Promise<Record<string, number>> => {
    const [row] = await relais.dataSource.query<Record<string, number>[]>(
      `SELECT ${TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`,
    );
    return row;
  };

  /** An id the app knows, one it does not, or junk. */
  const anId = (known: () => string) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(null).map(() => known()) },
      fc.uuid(),
      fc.constant('00000000-0000-0000-0000-000000000000'),
      junk,
    );

  const mutations: {
    name: string;
    by: () => GraphqlHttpClient;
    input: () => fc.Arbitrary<Record<string, unknown>>;
  }[] = [
    {
      name: 'createPerson',
      by: () => referent,
      input: () =>
        fc.record(
          {
            territoryId: anId(() => ids.territory),
            givenName: text(100),
            familyName: text(100),
            birthName: text(100),
            birthDate: aDate,
            gender: anEnum('Gender'),
            birthplace: fc.oneof(fc.constantFrom('44109', '2A004'), text(10)),
            birthCountry: fc.oneof(fc.constantFrom('99100', '99350'), text(10)),
            nir: fc.oneof(fc.constantFrom('1850578006084', '185057800608436'), text(20)),
            email: fc.oneof(fc.emailAddress(), text(200)),
            phone: text(30),
            addressLine: text(200),
            postalCode: text(10),
            city: text(100),
            cafNumber: text(20),
            franceTravailId: text(20),
            orientationType: anEnum('OrientationType'),
            orientationStructureId: anId(() => ids.target),
            rights: fc.oneof(fc.array(anEnum('PersonRight'), { maxLength: 5 }), junk),
            rightsAndDuties: aBoolean,
            structureId: anId(() => ids.structure),
            teamRole: anEnum('TeamRole'),
          },
          { requiredKeys: [] },
        ),
    },
    {
      name: 'updatePerson',
      by: () => referent,
      input: () =>
        fc.record(
          {
            personId: anId(() => ids.person),
            version: fc.oneof(fc.integer({ min: 0, max: 3 }), aNumber),
            givenName: text(100),
            familyName: text(100),
            birthDate: aDate,
            nir: text(20),
            email: text(200),
            phone: text(30),
            postalCode: text(10),
            gender: anEnum('Gender'),
            birthplace: text(10),
            rights: fc.oneof(fc.array(anEnum('PersonRight'), { maxLength: 5 }), junk),
            rightsAndDuties: aBoolean,
          },
          { requiredKeys: [] },
        ),
    },
    {
      name: 'addObstacle',
      by: () => referent,
      input: () =>
        fc.record(
          {
            personId: anId(() => ids.person),
            theme: anEnum('ObstacleTheme'),
            status: anEnum('ObstacleStatus'),
            comment: text(2_000),
          },
          { requiredKeys: [] },
        ),
    },
    {
      name: 'addNote',
      by: () => referent,
      input: () =>
        fc.record(
          {
            personId: anId(() => ids.person),
            body: text(10_000),
            sensitive: aBoolean,
            visibility: anEnum('NoteVisibility'),
          },
          { requiredKeys: [] },
        ),
    },
    {
      name: 'scheduleAppointment',
      by: () => referent,
      input: () =>
        fc.record(
          {
            personId: anId(() => ids.person),
            startsAt: aDate,
            durationMinutes: aNumber,
            withWhom: text(200),
            location: text(200),
            remote: aBoolean,
            status: anEnum('AppointmentStatus'),
          },
          { requiredKeys: [] },
        ),
    },
    {
      name: 'proposeHandover',
      by: () => referent,
      input: () =>
        fc.record(
          {
            personId: anId(() => ids.person),
            toStructureId: anId(() => ids.target),
            toAccountId: anId(() => ids.targetAccount),
            reason: text(2_000),
            personInformed: aBoolean,
          },
          { requiredKeys: [] },
        ),
    },
    {
      name: 'requestToJoinTeam',
      by: () => requester,
      input: () =>
        fc.record(
          {
            personId: anId(() => ids.person),
            reason: text(2_000),
            structureId: anId(() => ids.target),
          },
          { requiredKeys: [] },
        ),
    },
  ];

  it.each(mutations.map((mutation) => [mutation.name, mutation] as const))(
    '%s',
    async (name, mutation) => {
      const inputType = `${name[0].toUpperCase()}${name.slice(1)}Input`;
      const query = `mutation($input: ${inputType}!) { ${name}(input: $input) { __typename } }`;
      const verdicts: Record<string, number> = {};
      await fc.assert(
        fc.asyncProperty(mutation.input(), async (input) => {
          const before = await counts();
          const result = await mutation.by().execute(query, { input });
          const codes = (result.errors ?? []).map((error) => String(error.extensions?.code));
          const verdict = codes.length ? codes.join(',') : 'accepted';
          verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
          expect(result.status).toBeLessThan(500);
          expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
          if (codes.length) expect(await counts()).toEqual(before);
        }),
        { numRuns: RUNS },
      );
      console.log(`${name}: ${RUNS} inputs, ${JSON.stringify(verdicts)}`);
    },
  );

  it('refuses a NUL character in a text as BAD_USER_INPUT, and writes nothing', async () => {
    const before = await counts();
    const result = await referent.execute(
      `mutation($input: AddObstacleInput!) { addObstacle(input: $input) { id } }`,
      {
        input: {
          personId: ids.person,
          theme: 'DIGITAL',
          status: 'BEING_ADDRESSED',
          comment: NUL,
        },
      },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'comment',
    });
    expect(await counts()).toEqual(before);
  });
});
