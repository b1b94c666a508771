import { createServer, type IncomingMessage, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Role } from '@relais/identity';
import {
  createAccount,
  createStructure,
  createTerritory,
  GraphqlHttpClient,
} from '@relais/testing';
import { type ApiProcess, startApiProcess } from '../notifications/notification-support.js';
import { startRelaisBesideChildren } from '../support/app.js';

/** One request a receiver got: its path, headers and body (gunzipped when it came gzipped). */
export interface Received {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A local HTTP server that records every request and answers 200 `{}` (a collector, Sentry). */
export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      received.push({ path: req.url ?? '', headers: req.headers, body: body.toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What the tests put in a person's file and must never find in a report or a trace. */
export const PERSONAL = {
  givenName: 'Zéphyrine',
  familyName: 'Quastellaz',
  email: 'zephyrine.quastellaz@exemple.fr',
  // A NIR with its key (97 - body mod 97).
  nir: `2920775123456${String(97 - Number(2920775123456n % 97n)).padStart(2, '0')}`,
  note: 'Entretien du mardi: difficultés de logement signalées par Zéphyrine',
} as const;

export const CREATE_PERSON = `mutation CreatePersonForOps($input: CreatePersonInput!) {
  createPerson(input: $input) { summary { id } }
}`;
export const ADD_NOTE = `mutation AddNoteForOps($input: AddNoteInput!) {
  addNote(input: $input) { id body }
}`;
export const OPEN_FILE = `query OpenFileForOps($id: ID!) {
  person(id: $id) { id givenName familyName email nir notes { body } }
}`;

/**
 * The built API in a child process (its instrumentation must load before anything else) with
 * the variables given, and the app in this process to build data and sign in with the child's
 * token secret. Stopped together by close(), whatever failed.
 */
export interface ChildWorld {
  readonly api: ApiProcess;
  /** A caseworker's GraphQL client on the child, and its access token. */
  readonly caseworker: GraphqlHttpClient;
  readonly accessToken: string;
  readonly territoryId: string;
  close(): Promise<void>;
}

export async function startChildWorld(env: Record<string, string>): Promise<ChildWorld> {
  const secret = `ops-test-secret-${'x'.repeat(40)}`;
  const relais = await startRelaisBesideChildren(secret, { dispatch: true });
  let api: ApiProcess | undefined;
  try {
    const territory = await createTerritory(relais.dataSource);
    const structure = await createStructure(relais.dataSource, territory);
    const account = await createAccount(relais.dataSource, [
      { role: Role.PROFESSIONAL, structure },
    ]);
    const { accessToken } = await relais.signIn(account.id);
    api = await startApiProcess(secret, { env });
    const started = api;
    return {
      api: started,
      accessToken,
      caseworker: new GraphqlHttpClient(`${started.baseUrl}/graphql`, {
        authorization: `Bearer ${accessToken}`,
      }),
      territoryId: territory.id,
      close: async () => {
        await started.stop();
        await relais.close();
      },
    };
  } catch (error) {
    await api?.stop();
    await relais.close();
    throw error;
  }
}

/** Creates the person of PERSONAL through the child and gives its id. */
export async function createPersonalFile(world: ChildWorld): Promise<string> {
  const created = await world.caseworker.data<{ createPerson: { summary: { id: string } } }>(
    CREATE_PERSON,
    {
      input: {
        territoryId: world.territoryId,
        givenName: PERSONAL.givenName,
        familyName: PERSONAL.familyName,
        birthDate: '1992-07-14',
        email: PERSONAL.email,
        nir: PERSONAL.nir,
      },
    },
  );
  return created.createPerson.summary.id;
}

/** The personal values found in a text, by name (none, when all is well). */
export function personalDataIn(text: string): string[] {
  const lower = text.toLowerCase();
  return Object.entries(PERSONAL)
    .filter(([, value]) => lower.includes(value.toLowerCase()))
    .map(([key]) => key);
}
