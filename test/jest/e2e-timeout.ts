import { jest } from '@jest/globals';

// End-to-end tests start servers and processes: a slow machine must not fail them on time.
jest.setTimeout(60_000);
