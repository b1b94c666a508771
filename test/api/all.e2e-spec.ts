// One jest file for the folder's parts, so that the app's modules load once for all of them
// (about 1.4 s of CPU a file: docs/decisions/0021). Each part starts from empty tables.
// Run one part with `-t`, e.g. `npm run test:e2e -- test/api/all.e2e-spec.ts -t '<describe>'`.
import './auth.e2e.js';
import './graphql.e2e.js';
import './hardening.e2e.js';
import './rate-limits.e2e.js';
import './web-client.e2e.js';
