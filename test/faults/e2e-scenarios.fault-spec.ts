// The kill -9 and Redis files of the e2e tier are fault scenarios too: the fault suite runs them
// again, as one jest file (they are parts of test/notifications/all.e2e-spec.ts in `npm test`).
import '../notifications/crash-recovery.e2e.js';
import '../notifications/redis-instances.e2e.js';
