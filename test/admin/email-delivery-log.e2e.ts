import { encodeCursor } from '@relais/core';
import { Role } from '@relais/identity';
import { EmailSenderService } from '@relais/notifications';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import {
  createAccount,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type SmtpTestServer,
  startSmtpTestServer,
  type TestApp,
  waitUntil,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';

const INVITE = `mutation($input: InviteAccountInput!) { inviteAccount(input: $input) { id accountId } }`;
const DELIVERIES = `query($territoryId: ID, $structureId: ID, $status: EmailDeliveryStatus, $first: Int, $after: String) {
  emailDeliveries(territoryId: $territoryId, structureId: $structureId, status: $status, first: $first, after: $after) {
    edges { cursor node {
      id kind status attempts lastError createdAt sentAt nextAttemptAt
      recipient { accountId givenName familyName address }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Delivery {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
  recipient: { accountId: string; givenName: string; familyName: string; address: string };
}
interface DeliveryPage {
  edges: { cursor: string; node: Delivery }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const REFUSAL = 'Boîte inconnue sur ce serveur';

// The admins' email log: what was sent, what failed and the SMTP server's reason, for the
// accounts of their place only; through a real SMTP server that refuses one recipient.
describe('the email delivery log', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let smtp: SmtpTestServer;
  let territory: TerritoryEntity;
  let structure: StructureEntity;
  let territoryAdmin: GraphqlHttpClient;
  let structureAdmin: GraphqlHttpClient;
  let foreignAdmin: GraphqlHttpClient;
  let foreignTerritory: TerritoryEntity;
  let caseworker: GraphqlHttpClient;
  let sent: { accountId: string; email: string };
  let failed: { accountId: string; email: string };
  let foreign: { accountId: string; email: string };
  const previous = process.env.SMTP_URL;

  async function invite(
    email: string,
    givenName: string,
    familyName: string,
    by: { admin: GraphqlHttpClient; at: StructureEntity } = {
      admin: territoryAdmin,
      at: structure,
    },
  ) {
    const { inviteAccount } = await by.admin.data<{
      inviteAccount: { id: string; accountId: string };
    }>(INVITE, {
      input: {
        invitee: { email, givenName, familyName },
        role: Role.PROFESSIONAL,
        structureId: by.at.id,
      },
    });
    return { accountId: inviteAccount.accountId, email };
  }

  const page = async (client: GraphqlHttpClient, variables: Record<string, unknown>) =>
    (await client.data<{ emailDeliveries: DeliveryPage }>(DELIVERIES, variables)).emailDeliveries;
  const nodes = async (client: GraphqlHttpClient, variables: Record<string, unknown>) =>
    (await page(client, variables)).edges.map((edge) => edge.node);

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    smtp.refuseRecipients((address) => address.endsWith('@refused.test'), 550, REFUSAL);
    process.env.SMTP_URL = smtp.url;
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource);
    structure = await createStructure(relais.dataSource, territory, { name: 'CCAS de Vertou' });
    foreignTerritory = await createTerritory(relais.dataSource);
    const as = async (place: Parameters<typeof createAccount>[1]) =>
      relais.graphqlAs((await createAccount(relais.dataSource, place)).id);
    territoryAdmin = await as([{ role: Role.TERRITORY_ADMIN, territory }]);
    structureAdmin = await as([{ role: Role.STRUCTURE_ADMIN, structure }]);
    foreignAdmin = await as([{ role: Role.TERRITORY_ADMIN, territory: foreignTerritory }]);
    caseworker = await as([{ role: Role.PROFESSIONAL, structure }]);

    const stamp = Date.now();
    sent = await invite(`nadia.benali.${stamp}@example.test`, 'Nadia', 'Benali');
    failed = await invite(`paul.morel.${stamp}@refused.test`, 'Paul', 'Morel');
    foreign = await invite(`lea.roux.${stamp}@example.test`, 'Léa', 'Roux', {
      admin: foreignAdmin,
      at: await createStructure(relais.dataSource, foreignTerritory),
    });
    // The email.send job runs too (SMTP_URL is set): either may send them.
    const sender = relais.app.get(EmailSenderService);
    await waitUntil(async () => {
      await sender.sendDue();
      const rows = [
        ...(await nodes(territoryAdmin, { territoryId: territory.id })),
        ...(await nodes(foreignAdmin, { territoryId: foreignTerritory.id })),
      ];
      return rows.filter((row) => row.status === 'SENT' || row.status === 'FAILED').length === 3;
    });
  });

  afterAll(async () => {
    await relais.close();
    await smtp.close();
    if (previous === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = previous;
  });

  it('shows the territory admin the email sent and the one refused, newest first, with the server’s reason', async () => {
    const rows = await nodes(territoryAdmin, { territoryId: territory.id });
    expect(rows).toEqual([
      {
        id: expect.any(String) as string,
        kind: 'INVITATION',
        status: 'FAILED',
        attempts: 1,
        lastError: expect.stringContaining(REFUSAL) as string,
        createdAt: expect.any(String) as string,
        sentAt: null,
        nextAttemptAt: null,
        recipient: {
          accountId: failed.accountId,
          givenName: 'Paul',
          familyName: 'Morel',
          address: failed.email,
        },
      },
      {
        id: expect.any(String) as string,
        kind: 'INVITATION',
        status: 'SENT',
        attempts: 1,
        lastError: null,
        createdAt: expect.any(String) as string,
        sentAt: expect.any(String) as string,
        nextAttemptAt: null,
        recipient: {
          accountId: sent.accountId,
          givenName: 'Nadia',
          familyName: 'Benali',
          address: sent.email,
        },
      },
    ]);
    expect(rows[0]?.lastError).toMatch(/550/);
    expect(smtp.messages().some((message) => message.envelope.to.includes(sent.email))).toBe(true);
  });

  it('filters by status and pages with the cursor it gives', async () => {
    const failures = await nodes(territoryAdmin, { territoryId: territory.id, status: 'FAILED' });
    expect(failures.map((row) => row.recipient.address)).toEqual([failed.email]);

    const first = await page(territoryAdmin, { territoryId: territory.id, first: 1 });
    expect(first.edges.map((edge) => edge.node.recipient.address)).toEqual([failed.email]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await page(territoryAdmin, {
      territoryId: territory.id,
      first: 1,
      after: first.pageInfo.endCursor,
    });
    expect(second.edges.map((edge) => edge.node.recipient.address)).toEqual([sent.email]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('shows the structure admin the emails to the structure’s professionals', async () => {
    const rows = await nodes(structureAdmin, { structureId: structure.id });
    expect(rows.map((row) => [row.recipient.address, row.status])).toEqual([
      [failed.email, 'FAILED'],
      [sent.email, 'SENT'],
    ]);
  });

  it('shows an admin of another territory none of them, and refuses them this territory', async () => {
    const theirs = await nodes(foreignAdmin, { territoryId: foreignTerritory.id });
    expect(theirs.map((row) => [row.recipient.address, row.status])).toEqual([
      [foreign.email, 'SENT'],
    ]);
    const result = await foreignAdmin.execute(DELIVERIES, { territoryId: territory.id });
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const other = await foreignAdmin.execute(DELIVERIES, { structureId: structure.id });
    expect(other.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('refuses a caseworker', async () => {
    for (const variables of [{ structureId: structure.id }, { territoryId: territory.id }, {}]) {
      const result = await caseworker.execute(DELIVERIES, variables);
      expect(result.data).toBeNull();
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it.each([
    ['a page of 0', () => ({ territoryId: territory.id, first: 0 }), 'first'],
    ['a page of 101', () => ({ territoryId: territory.id, first: 101 }), 'first'],
    ['a cursor it did not give', () => ({ territoryId: territory.id, after: 'garbage' }), 'after'],
    [
      'a cursor of the wrong shape',
      () => ({ territoryId: territory.id, after: encodeCursor(['x', 'y']) }),
      'after',
    ],
    [
      'both a structure and a territory',
      () => ({ territoryId: territory.id, structureId: structure.id }),
      'structureId',
    ],
    ['a malformed structure id', () => ({ structureId: 'not-an-id' }), 'structureId'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_case, variables, field) => {
    const result = await territoryAdmin.execute(DELIVERIES, variables());
    expect(result.errors?.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
    ]);
  });

  it('refuses a status it does not know, naming it', async () => {
    const result = await territoryAdmin.execute(DELIVERIES, {
      territoryId: territory.id,
      status: 'LOST',
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toMatch(/status/);
  });
});
