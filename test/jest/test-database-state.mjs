/**
 * Shared by global setup and teardown, which run in jest's main process: the database server,
 * and the browser tier's Chromium.
 */
export const testDatabaseState = { server: undefined, chromium: undefined };
