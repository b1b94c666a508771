// One jest file for the folder's parts, so that the app's modules load once for all of them
// (about 1.4 s of CPU a file: docs/decisions/0021). Each part starts from empty tables.
// Run one part with `-t`, e.g. `npm run test:e2e -- test/launcher/all.e2e-spec.ts -t '<describe>'`.
import './launcher.e2e.js';
import './launcher-mail.e2e.js';
import './launcher-unreachable-folder.e2e.js';
