// One jest file for several parts, so that the app's modules load once for all of them (about
// 1.4 s of CPU a file: docs/decisions/0021). Each part starts on a fresh copy of the demo.
// Run one part with `-t`, e.g. `npm run test:web -- test/web/sessions-and-access.web-spec.ts -t '<describe>'`.
import './access.web.js';
import './home.web.js';
import './provider-logout.web.js';
import './screens-320px.web.js';
import './session-renewal.web.js';
import './sessions.web.js';
