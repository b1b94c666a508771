import { Role } from '@relais/identity';
import { TeamRole } from '@relais/pathways';
import {
  addMembership,
  addTeamMember,
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { startRelais } from '../support/app.js';

const SET = `mutation($workPhone: String) { setMyWorkPhone(workPhone: $workPhone) { id workPhone } }`;
const TEAM = `query($id: ID!) { person(id: $id) { team { accountId workEmail workPhone } } }`;

interface TeamContact {
  accountId: string;
  workEmail: string | null;
  workPhone: string | null;
}

describe('work phone (Mon compte), shown in the teams of the files', () => {
  let relais: TestApp;
  let referent: { id: string; email: string; client: GraphqlHttpClient };
  let follower: GraphqlHttpClient;
  let personId: string;

  beforeAll(async () => {
    relais = await startRelais();
    const territory = await createTerritory(relais.dataSource);
    const structure = await createStructure(relais.dataSource, territory);
    const signIn = async () => {
      const account = await createAccount(relais.dataSource);
      const membership = await addMembership(relais.dataSource, account, {
        role: Role.PROFESSIONAL,
        structure,
      });
      const { accessToken } = await relais.signIn(account.id);
      const client = relais.graphql.withHeaders({ authorization: `Bearer ${accessToken}` });
      return { account, membership, client };
    };
    const first = await signIn();
    const second = await signIn();
    const person = await createPerson(relais.dataSource, territory);
    await addTeamMember(
      relais.dataSource,
      person,
      first.account,
      first.membership,
      TeamRole.REFERENT,
    );
    await addTeamMember(relais.dataSource, person, second.account, second.membership);
    referent = { id: first.account.id, email: first.account.email, client: first.client };
    follower = second.client;
    personId = person.id;
  });

  afterAll(() => relais.close());

  async function storedPhone(): Promise<string | null> {
    const rows = await relais.dataSource.query<{ work_phone: string | null }[]>(
      `SELECT work_phone FROM account WHERE id = $1`,
      [referent.id],
    );
    return rows[0].work_phone;
  }

  it('keeps the professional’s own phone and shows it, with their email, to their team', async () => {
    const set = await referent.client.execute<{ setMyWorkPhone: { workPhone: string } }>(SET, {
      workPhone: ' 01 23 45 67 89 ',
    });
    expect(set.errors).toBeUndefined();
    expect(set.data?.setMyWorkPhone.workPhone).toBe('01 23 45 67 89');

    const seen = await follower.execute<{ person: { team: TeamContact[] } }>(TEAM, {
      id: personId,
    });
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.person.team.find((m) => m.accountId === referent.id)).toEqual({
      accountId: referent.id,
      workEmail: referent.email,
      workPhone: '01 23 45 67 89',
    });
  });

  it('refuses a number that is not French, naming the field; nothing is written', async () => {
    const refused = await referent.client.execute(SET, { workPhone: '12345' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'VALIDATION_FAILED',
      fields: [{ field: 'workPhone', rule: 'FORMAT' }],
    });
    expect(refused.errors?.[0]?.message).toMatch(/workPhone/);
    expect(await storedPhone()).toBe('01 23 45 67 89');
  });

  it('clears it with a blank value', async () => {
    const cleared = await referent.client.execute<{ setMyWorkPhone: { workPhone: null } }>(SET, {
      workPhone: '',
    });
    expect(cleared.data?.setMyWorkPhone.workPhone).toBeNull();
    expect(await storedPhone()).toBeNull();
  });
});
