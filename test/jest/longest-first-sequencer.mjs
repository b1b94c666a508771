import { relative } from 'node:path';
import Sequencer from '@jest/test-sequencer';

/**
 * The longest files first, on a fresh clone too. Jest's own order puts the files that failed
 * last time first, then the longest by the durations it cached in an earlier run, and without a
 * cache (CI, a newcomer's first `npm test`) the largest files first: the screens' axe audits,
 * two of the longest files, are among the smallest and ran last, one worker finishing them
 * while the other idled. Here a file without a cached duration gets the one measured for it
 * (below) or its tier's usual one, so the long files start first and the short ones fill in.
 */

/**
 * Seconds of wall time per file, two workers on a quiet 2-core machine (npm test, 2026-12-07,
 * the folders' parts bundled: docs/decisions/0021): the files past 5 s. Only the order
 * matters; a file missing here gets its tier's figure below.
 */
const MEASURED = {
  'test/web/sessions-and-access.web-spec.ts': 94.7,
  'test/web/caseworker-work.web-spec.ts': 80.7,
  'test/web/every-screen.web-spec.ts': 51.8,
  'test/launcher/all.e2e-spec.ts': 51.5,
  'test/ops/all.e2e-spec.ts': 41.8,
  'test/notifications/all.e2e-spec.ts': 40.6,
  'test/pathways/all.e2e-spec.ts': 18.9,
  'test/imports/all.e2e-spec.ts': 16.8,
  'test/auth/all.e2e-spec.ts': 12.8,
  'test/person-space/all.e2e-spec.ts': 12.1,
  'test/api/all.e2e-spec.ts': 11.8,
  'test/admin/all.e2e-spec.ts': 9.5,
  'test/webhooks/all.e2e-spec.ts': 8.5,
  'test/lifecycle/retention.e2e-spec.ts': 8.2,
  'test/handovers/all.e2e-spec.ts': 7.4,
  'test/audit/audit-verify.e2e-spec.ts': 7.2,
};

/** A file not measured above: its tier's usual time. */
function tierSeconds(path) {
  if (path.endsWith('.web-spec.ts')) return 12;
  if (path.endsWith('.e2e-spec.ts')) return 6;
  if (path.endsWith('.int-spec.ts')) return 3;
  return 1;
}

export default class LongestFirstSequencer extends Sequencer {
  /** Jest's cached duration (milliseconds) when it has one, else the estimate. */
  time(test) {
    const cached = super.time(test);
    if (cached !== undefined) return cached;
    const path = relative(test.context.config.rootDir, test.path).split('\\').join('/');
    return (MEASURED[path] ?? tierSeconds(path)) * 1000;
  }
}
