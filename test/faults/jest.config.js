// The fault suite (`npm run test:faults`): outages, crashes, races, a soak and fuzzing. Its own
// config, so `npm test` never runs it; it shares the e2e tier's setup (database, timeouts) and
// also runs the kill -9 and Redis e2e parts, which are fault scenarios too
// (./e2e-scenarios.fault-spec.ts).
import base from '../../jest.config.js';

const e2e = base.projects.find((project) => project.displayName === 'e2e');

/** @type {import('jest').Config} */
export default {
  ...e2e,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
};
