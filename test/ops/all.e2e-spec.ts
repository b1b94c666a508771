// One jest file for the folder's parts, so that the app's modules load once for all of them
// (about 1.4 s of CPU a file: docs/decisions/0021). Each part starts from empty tables.
// Run one part with `-t`, e.g. `npm run test:e2e -- test/ops/all.e2e-spec.ts -t '<describe>'`.
import './metrics.e2e.js';
import './rolling-restart.e2e.js';
import './sentry.e2e.js';
import './tracing.e2e.js';
