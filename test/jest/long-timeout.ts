import { jest } from '@jest/globals';

// These tiers start servers, databases and processes: a slow machine must not fail them on time.
jest.setTimeout(60_000);
