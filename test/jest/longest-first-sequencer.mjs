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
 * Seconds of wall time per file, two workers on a quiet 2-core machine (npm test from a fresh
 * clone, 2026-12-07): the files past 10 s. Only the order matters; a file missing here gets
 * its tier's figure below.
 */
const MEASURED = {
  'test/ops/rolling-restart.e2e-spec.ts': 45.7,
  'test/web/forms.web-spec.ts': 45.1,
  'test/launcher/launcher.e2e-spec.ts': 42.9,
  'test/web/screens.web-spec.ts': 39.0,
  // access, sessions and handover-context: with the files merged into them since (rights-requests,
  // keyboard, handover-live), their times added.
  'test/web/access.web-spec.ts': 47.7,
  'test/web/screens-320px.web-spec.ts': 32.4,
  'test/web/sessions.web-spec.ts': 37.3,
  'test/web/handover-context.web-spec.ts': 39.6,
  'test/notifications/crash-recovery.e2e-spec.ts': 24.0,
  'test/ops/tracing.e2e-spec.ts': 22.1,
  'test/web/file-summary.web-spec.ts': 20.5,
  'test/web/history.web-spec.ts': 20.2,
  'test/web/home.web-spec.ts': 20.0,
  'test/imports/import-cli.e2e-spec.ts': 20.0,
  'test/launcher/launcher-unreachable-folder.e2e-spec.ts': 19.7,
  'test/web/caseload.web-spec.ts': 19.4,
  'test/web/session-renewal.web-spec.ts': 16.5,
  'test/web/dev-mail.web-spec.ts': 15.3,
  'test/audit/audit-verify.e2e-spec.ts': 15.1,
  'test/pathways/caseload.e2e-spec.ts': 14.0,
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
