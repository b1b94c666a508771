import { jest } from '@jest/globals';
// Loaded here, as a setup file, so that it precedes every test file's imports.
import './require-esm-bridge.js';

// These tiers start servers, databases and processes: a slow machine must not fail them on time.
jest.setTimeout(60_000);
