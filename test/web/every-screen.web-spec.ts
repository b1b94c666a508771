// One jest file for several parts, so that the app's modules load once for all of them (about
// 1.4 s of CPU a file: docs/decisions/0021). Each part starts on a fresh copy of the demo.
// Run one part with `-t`, e.g. `npm run test:web -- test/web/every-screen.web-spec.ts -t '<describe>'`.
import './dev-mail.web.js';
import './invitation-email.web.js';
import './person-space.web.js';
import './screens.web.js';
