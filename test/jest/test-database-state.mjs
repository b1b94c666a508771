/** Shared by global setup and teardown, which run in jest's main process. */
export const testDatabaseState = { server: undefined };
