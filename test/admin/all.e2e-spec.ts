// One jest file for the folder's parts, so that the app's modules load once for all of them
// (about 1.4 s of CPU a file: docs/decisions/0021). Each part starts from empty tables.
// Run one part with `-t`, e.g. `npm run test:e2e -- test/admin/all.e2e-spec.ts -t '<describe>'`.
import './admin-matrix.e2e.js';
import './directory.e2e.js';
import './email-delivery-log.e2e.js';
import './invitation-email.e2e.js';
import './membership-change.e2e.js';
