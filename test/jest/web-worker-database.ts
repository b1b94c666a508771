import { copyDemoForFile } from './web-demo-copy.js';

// Runs before each browser file, instead of ./worker-database.ts: the file's own database, a
// copy of the one the web tier's global setup seeded with the demo. Each part of a file that
// holds several starts on a copy of its own (onFreshDemoCopy in ../web/browser-support.ts).
await copyDemoForFile();
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
// The daily retention job stays off in tests: they run retention themselves.
process.env.RETENTION_SCHEDULE ??= 'off';
