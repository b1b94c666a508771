export { startTestApp } from './test-app.js';
export type { TestApp, TestAppOptions } from './test-app.js';
export { GraphqlHttpClient } from './graphql-http-client.js';
export type { GraphqlResponse } from './graphql-http-client.js';
export { createGraphqlWsClient } from './graphql-ws-client.js';
export type { GraphqlWsClient } from './graphql-ws-client.js';
export { connectSocket } from './socket-client.js';
export { defineFactory } from './factory.js';
export type { Factory } from './factory.js';
export {
  cloneDatabase,
  databaseUrl,
  dropTestDatabases,
  prepareTemplateDatabase,
  startTestDatabaseServer,
  truncateAllTables,
  workerDatabase,
} from './test-database.js';
export type { TestDatabaseServer } from './test-database.js';
export { createStructure, createTerritory } from './factories/organization.factories.js';
export { addMembership, createAccount, createApiClient } from './factories/identity.factories.js';
export type { MembershipPlace } from './factories/identity.factories.js';
export { startOidcTestProvider } from './oidc-test-provider.js';
export type {
  OidcTestAccount,
  OidcTestAnswer,
  OidcTestBrowser,
  OidcTestClient,
  OidcTestProvider,
  OidcTestProviderOptions,
  OidcTestVisit,
} from './oidc-test-provider.js';
export { accountPrincipal } from './principals.js';
export { addTeamMember, createPerson } from './factories/pathway.factories.js';
export { countStatements } from './statement-counter.js';
export { backdateAccessLog, deleteAndRechainAccessLog } from './access-log-history.js';
export type { ChainHashing } from './access-log-history.js';
export {
  stopLeftovers,
  trackChild,
  trackCloser,
  trackedRunning,
  trackServer,
} from './process-registry.js';
export type { ProcessRegistry } from './process-registry.js';
export { waitUntil } from './wait.js';
export { startSmtpTestServer } from './smtp-test-server.js';
export type { ReceivedEmail, SmtpTestServer, SmtpTestServerOptions } from './smtp-test-server.js';
