// One jest file for several parts, so that the app's modules load once for all of them (about
// 1.4 s of CPU a file: docs/decisions/0021). Each part starts on a fresh copy of the demo.
// Run one part with `-t`, e.g. `npm run test:web -- test/web/caseworker-work.web-spec.ts -t '<describe>'`.
import './caseload.web.js';
import './file-summary.web.js';
import './forms.web.js';
import './handover-context.web.js';
import './history.web.js';
