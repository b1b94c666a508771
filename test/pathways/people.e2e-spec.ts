import { Role } from '@relais/identity';
import { StructureType, type StructureEntity, type TerritoryEntity } from '@relais/organizations';
import {
  addMembership,
  createAccount,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { startRelais } from '../support/app.js';

const CREATE = `mutation($input: CreatePersonInput!) {
  createPerson(input: $input) {
    summary { id givenName familyName birthYear isMember referentStructure { id name } }
    person { id version nir rights access { ground teamRole canWrite canReadSensitive }
             team { role structureName givenName } }
  }
}`;
const OPEN = `query($id: ID!) { person(id: $id) { id givenName version nir nirRedacted rights sensitiveRightsRedacted access { ground canWrite } } }`;

function nirWithKey(body: string): string {
  return body + String(97 - Number(BigInt(body) % 97n)).padStart(2, '0');
}

describe('people: creating and opening files', () => {
  let relais: TestApp;
  let territory: TerritoryEntity;
  let social: StructureEntity;
  let employment: StructureEntity;
  let referent: GraphqlHttpClient;
  let colleague: GraphqlHttpClient;
  let colleagueAccountId: string;

  beforeAll(async () => {
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource);
    social = await createStructure(relais.dataSource, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    employment = await createStructure(relais.dataSource, territory, {
      type: StructureType.MISSION_LOCALE,
    });
    const referentAccount = await createAccount(relais.dataSource, [
      { role: Role.PROFESSIONAL, structure: social },
    ]);
    referent = await relais.graphqlAs(referentAccount.id);
    const colleagueAccount = await createAccount(relais.dataSource);
    await addMembership(relais.dataSource, colleagueAccount, {
      role: Role.PROFESSIONAL,
      structure: employment,
    });
    colleagueAccountId = colleagueAccount.id;
    colleague = await relais.graphqlAs(colleagueAccount.id);
  });

  afterAll(async () => {
    await relais.close();
  });

  it('lets a professional create a file and become its referent', async () => {
    const result = await referent.execute<{
      createPerson: {
        summary: { id: string; isMember: boolean; birthYear: number };
        person: { version: number; access: { ground: string; teamRole: string }; team: unknown[] };
      };
    }>(CREATE, {
      input: {
        territoryId: territory.id,
        givenName: 'Inès',
        familyName: 'Benali',
        birthDate: '1991-03-08',
        nir: nirWithKey('2910344109123'),
        rights: ['RSA', 'RQTH'],
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createPerson.summary).toMatchObject({ isMember: true, birthYear: 1991 });
    expect(result.data?.createPerson.person).toMatchObject({
      version: 1,
      access: { ground: 'TEAM_MEMBER', teamRole: 'REFERENT' },
      team: [{ role: 'REFERENT' }],
    });
    const id = result.data?.createPerson.summary.id;

    const outsider = await colleague.execute(OPEN, { id });
    expect(outsider.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(outsider.data ?? null).toBeNull();
    void colleagueAccountId;
  });
});
