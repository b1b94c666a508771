import { Role } from '@relais/identity';
import { StructureType } from '@relais/organizations';
import { TeamRole } from '@relais/pathways';
import {
  addMembership,
  addTeamMember,
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
  type TestApp,
} from '@relais/testing';
import { startRelais } from '../support/app.js';

const PROPOSE = `mutation($input: ProposeHandoverInput!) { proposeHandover(input: $input) { id status } }`;
const ACCEPT = `mutation($input: AcceptHandoverInput!) { acceptHandover(input: $input) { id status } }`;

/** DOMAIN.md rule 8: a person who objected gets no new team member without their agreement. */
describe('handing over a person who objected to sharing', () => {
  let relais: TestApp;

  beforeAll(async () => {
    relais = await startRelais();
  });

  afterAll(async () => {
    await relais.close();
  });

  it('needs their recorded agreement to the new referent, and writes nothing without it', async () => {
    const ds = relais.dataSource;
    const territory = await createTerritory(ds);
    const from = await createStructure(ds, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    const to = await createStructure(ds, territory, { type: StructureType.FRANCE_TRAVAIL });
    const referent = await createAccount(ds);
    const referentMembership = await addMembership(ds, referent, {
      role: Role.PROFESSIONAL,
      structure: from,
    });
    const successor = await createAccount(ds);
    await addMembership(ds, successor, { role: Role.PROFESSIONAL, structure: to });
    const person = await createPerson(ds, territory, { objection: true });
    await addTeamMember(ds, person, referent, referentMembership, TeamRole.REFERENT);

    const proposed = await (
      await relais.graphqlAs(referent.id)
    ).data<{ proposeHandover: { id: string } }>(PROPOSE, {
      input: {
        personId: person.id,
        toStructureId: to.id,
        toAccountId: successor.id,
        reason: 'Accompagnement vers l’emploi',
        personInformed: true,
      },
    });
    const asSuccessor = await relais.graphqlAs(successor.id);
    const input = {
      handoverId: proposed.proposeHandover.id,
      newReferentAccountId: successor.id,
      formerReferentStaysAsFollower: false,
    };
    const refused = await asSuccessor.execute(ACCEPT, { input });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'personAgreed',
    });
    const referents = () =>
      ds.query<{ account_id: string }[]>(
        `SELECT account_id FROM team_member WHERE person_id = $1 AND role = 'REFERENT' AND left_at IS NULL`,
        [person.id],
      );
    expect(await referents()).toEqual([{ account_id: referent.id }]);

    const accepted = await asSuccessor.data<{ acceptHandover: { status: string } }>(ACCEPT, {
      input: { ...input, personAgreed: true },
    });
    expect(accepted.acceptHandover.status).toBe('ACCEPTED');
    expect(await referents()).toEqual([{ account_id: successor.id }]);
  });
});
