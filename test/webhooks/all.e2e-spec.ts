// One jest file for the folder's parts, so that the app's modules load once for all of them
// (about 1.4 s of CPU a file: docs/decisions/0021). Each part starts from empty tables.
// Run one part with `-t`, e.g. `npm run test:e2e -- test/webhooks/all.e2e-spec.ts -t '<describe>'`.
import './webhook-addresses.e2e.js';
import './webhooks.e2e.js';
