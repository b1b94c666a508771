import type { DemoSeedStep } from '@relais/database';
import { demoHandoversSeed } from '../demo/demo-handovers.seed.js';
import { demoOrganizationsSeed } from '../demo/demo-organizations.seed.js';
import { demoPathwaysSeed } from '../demo/demo-pathways.seed.js';

/**
 * The demo data `npm start` loads, in order. Each domain adds its idempotent steps here as it
 * arrives (territories and accounts first, then people and their pathways).
 */
export const demoSeedSteps: readonly DemoSeedStep[] = [
  demoOrganizationsSeed,
  demoPathwaysSeed,
  demoHandoversSeed,
];
