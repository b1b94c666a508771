// One jest file for the folder's parts, so that the app's modules load once for all of them
// (about 1.4 s of CPU a file: docs/decisions/0021). Each part starts from empty tables.
// Run one part with `-t`, e.g. `npm run test:e2e -- test/notifications/all.e2e-spec.ts -t '<describe>'`.
import './built-server-delivery.e2e.js';
import './crash-recovery.e2e.js';
import './dispatch.e2e.js';
import './email-delivery.e2e.js';
import './redis-instances.e2e.js';
import './shared-outbox.e2e.js';
