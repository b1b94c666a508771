// One jest file for the folder's parts, so that the app's modules load once for all of them
// (about 1.4 s of CPU a file: docs/decisions/0021). Each part starts from empty tables.
// Run one part with `-t`, e.g. `npm run test:e2e -- test/imports/all.e2e-spec.ts -t '<describe>'`.
import './import-api.e2e.js';
import './import-cli.e2e.js';
