// Three tiers (STYLE.md rule 10): unit beside the code, integration against a real PostgreSQL,
// end-to-end through HTTP and WebSocket, and the web client in a browser. Run one with
// `--selectProjects unit|int|e2e|web`.
// Jest runs the ESM-only NestJS packages with --experimental-vm-modules (see package.json).

/** @type {import('@swc/core').Options} */
const swc = {
  swcrc: false,
  sourceMaps: 'inline',
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2023',
    keepClassNames: true,
  },
  module: { type: 'es6' },
};

/** @type {import('jest').Config} */
const common = {
  rootDir: import.meta.dirname,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@relais/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/'],
};

const withDatabase = {
  ...common,
  globalSetup: '<rootDir>/test/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/test/jest/global-teardown.mjs',
  // Stops and reports what a file's tests started and left running (libs/testing's registry).
  testEnvironment: '<rootDir>/test/jest/tracked-process-environment.mjs',
  setupFilesAfterEnv: [
    '<rootDir>/test/jest/worker-database.ts',
    '<rootDir>/test/jest/long-timeout.ts',
  ],
};

/** @type {import('jest').Config} */
export default {
  // One worker per core, not jest's default of cores - 1 (one worker on 2 cores). The database
  // tiers wait on other processes (PostgreSQL, Chromium, child servers) and each worker has its
  // own database, so two workers on 2 cores halve the int and e2e tiers (243 s -> 134 s, 3
  // workers: 132 s) and the web tier (154 s -> 97 s). docs/decisions/0021-a-fast-test-suite.md.
  maxWorkers: '100%',
  // A worker's own exit, once its last file is done, frees the module registries of its files
  // (over a gigabyte of heap): past jest's default 500 ms on two busy cores, jest killed it and
  // warned of a leak that was not one. What a file leaves running is caught per file by the
  // process registry (test/jest/tracked-process-environment.mjs).
  workerGracefulExitTimeout: 5_000,
  // The longest files first, on a fresh clone too (jest's own order then is by file size, which
  // ran the screens' audits last): test/jest/longest-first-sequencer.mjs.
  testSequencer: '<rootDir>/test/jest/longest-first-sequencer.mjs',
  projects: [
    {
      ...common,
      displayName: 'unit',
      // test/deploy: the deployment files (docker/, Procfile, scalingo.json) read as the platforms do.
      testMatch: [
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/test/deploy/**/*.spec.ts',
        '<rootDir>/test/architecture/**/*.spec.ts',
      ],
    },
    {
      ...withDatabase,
      displayName: 'int',
      testMatch: ['<rootDir>/apps/**/*.int-spec.ts', '<rootDir>/libs/**/*.int-spec.ts'],
    },
    {
      ...withDatabase,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
    },
    {
      // The web client in Debian's Chromium, driven by playwright-core, against the API.
      ...withDatabase,
      displayName: 'web',
      // One Chromium for the run, which each file connects to (test/jest/chromium-server.mjs).
      globalSetup: '<rootDir>/test/jest/web-global-setup.mjs',
      globalTeardown: '<rootDir>/test/jest/web-global-teardown.mjs',
      // Each file on a copy of the demo the global setup seeded, not on the worker's database.
      setupFilesAfterEnv: [
        '<rootDir>/test/jest/web-worker-database.ts',
        '<rootDir>/test/jest/long-timeout.ts',
      ],
      testMatch: ['<rootDir>/test/web/**/*.web-spec.ts'],
    },
  ],
};
