import { AccountStatus, Role } from '@relais/identity';
import {
  addMembership,
  createAccount,
  createStructure,
  createTerritory,
  type TestApp,
} from '@relais/testing';
import { startRelais } from '../support/app.js';

const RECIPIENTS = `query($structureId: ID!) { handoverRecipients(structureId: $structureId) { id name } }`;

// Whom a handover may name, and who may become the referent on acceptance: the web client's
// lists. Names only, for those who follow people in the territory.
describe('handoverRecipients', () => {
  let relais: TestApp;

  beforeAll(async () => {
    relais = await startRelais();
  });

  afterAll(async () => {
    await relais.close();
  });

  it('lists the active professionals of a structure by family name, for caseworkers of its territory only', async () => {
    const territory = await createTerritory(relais.dataSource);
    const elsewhere = await createTerritory(relais.dataSource);
    const ours = await createStructure(relais.dataSource, territory);
    const target = await createStructure(relais.dataSource, territory);
    const foreign = await createStructure(relais.dataSource, elsewhere);
    const db = relais.dataSource;

    const proposer = await createAccount(db, [{ role: Role.PROFESSIONAL, structure: ours }]);
    const zoe = await createAccount(db, [{ role: Role.PROFESSIONAL, structure: target }], {
      givenName: 'Zoé',
      familyName: 'Abadie',
    });
    const yann = await createAccount(db, [{ role: Role.PROFESSIONAL, structure: target }], {
      givenName: 'Yann',
      familyName: 'Bertin',
    });
    // Not listed: an admin of the structure, a disabled account, a revoked membership.
    await createAccount(db, [{ role: Role.STRUCTURE_ADMIN, structure: target }]);
    await createAccount(db, [{ role: Role.PROFESSIONAL, structure: target }], {
      status: AccountStatus.DISABLED,
    });
    const left = await createAccount(db);
    const revoked = await addMembership(db, left, { role: Role.PROFESSIONAL, structure: target });
    await db.query('UPDATE membership SET revoked_at = now() WHERE id = $1', [revoked.id]);

    const asProposer = await relais.graphqlAs(proposer.id);
    expect((await asProposer.execute(RECIPIENTS, { structureId: target.id })).data).toEqual({
      handoverRecipients: [
        { id: zoe.id, name: 'Zoé Abadie' },
        { id: yann.id, name: 'Yann Bertin' },
      ],
    });

    // Another territory's structure, an unknown one: refused alike.
    for (const structureId of [foreign.id, '00000000-0000-4000-8000-000000000000']) {
      const refused = await asProposer.execute(RECIPIENTS, { structureId });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.data).toBeNull();
    }
    // A territory admin follows no one: no directory of professionals through this query.
    const admin = await createAccount(db, [{ role: Role.TERRITORY_ADMIN, territory }]);
    const asAdmin = await relais.graphqlAs(admin.id);
    expect(
      (await asAdmin.execute(RECIPIENTS, { structureId: target.id })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    // A bad id names the field.
    const bad = await asProposer.execute(RECIPIENTS, { structureId: 'nope' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
