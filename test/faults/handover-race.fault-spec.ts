import { Role } from '@relais/identity';
import { StructureType } from '@relais/organizations';
import { createStructure, createTerritory, type GraphqlResponse } from '@relais/testing';
import { caseworkerOf, personFollowedBy } from '../notifications/notification-support.js';
import { type ChildServerWorld, startChildServerWorld } from './child-server.js';

// The e2e suite races 50 answers against the in-process app; this races them against the built
// server in its own process, as production runs it.
const TOKEN_SECRET = 'a-token-secret-for-the-handover-race-fault-00';
const PROPOSE = `mutation($input: ProposeHandoverInput!) { proposeHandover(input: $input) { id } }`;
const ACCEPT = `mutation($input: AcceptHandoverInput!) { acceptHandover(input: $input) { id status } }`;
const DECLINE = `mutation($input: DeclineHandoverInput!) { declineHandover(input: $input) { id status } }`;

const codeOf = (result: GraphqlResponse<unknown>) => result.errors?.[0]?.extensions?.code;

describe('fifty concurrent answers to one handover, on the built server', () => {
  let world: ChildServerWorld;

  beforeAll(async () => {
    world = await startChildServerWorld(TOKEN_SECRET);
  });

  afterAll(async () => {
    await world?.close();
  });

  it('lets exactly one win and writes one outcome', async () => {
    const { relais } = world;
    const territory = await createTerritory(relais.dataSource);
    const departement = await createStructure(relais.dataSource, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    const missionLocale = await createStructure(relais.dataSource, territory, {
      type: StructureType.MISSION_LOCALE,
    });
    const referent = await caseworkerOf(relais, departement);
    const targetAdmin = await caseworkerOf(relais, missionLocale, Role.STRUCTURE_ADMIN);
    const targetPro = await caseworkerOf(relais, missionLocale);
    const om = await caseworkerOf(relais, departement, Role.ORIENTATION_MANAGER);
    const person = await personFollowedBy(relais, territory, referent);
    const { proposeHandover } = await world
      .on(referent)
      .data<{ proposeHandover: { id: string } }>(PROPOSE, {
        input: {
          personId: person.id,
          toStructureId: missionLocale.id,
          toAccountId: targetPro.account.id,
          reason: 'Projet professionnel prêt: accompagnement par la mission locale.',
          personInformed: true,
        },
      });
    const deciders = [targetAdmin, targetPro, om].map((who) => world.on(who));
    const input = { handoverId: proposeHandover.id };
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2
          ? deciders[i % 3].execute(ACCEPT, { input })
          : deciders[i % 3].execute(DECLINE, { input: { ...input, reason: `Refus numéro ${i}` } }),
      ),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => codeOf(result) === 'CONFLICT')).toHaveLength(49);
    const [row] = await relais.dataSource.query<{ referents: number; outcomes: number }[]>(
      `SELECT (SELECT count(*)::int FROM team_member WHERE person_id = $1 AND role = 'REFERENT'
                 AND left_at IS NULL) AS referents,
         (SELECT count(*)::int FROM outbox_event WHERE person_id = $1
            AND type IN ('handover.accepted', 'handover.declined')) AS outcomes,
         (SELECT count(*)::int FROM handover WHERE person_id = $1 AND status <> 'PROPOSED') AS answered`,
      [person.id],
    );
    expect(row).toEqual({ referents: 1, outcomes: 1, answered: 1 });
    expect(world.api.child.exitCode).toBeNull();
  });
});
