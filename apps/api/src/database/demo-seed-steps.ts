import type { DemoSeedStep } from '@relais/database';

/**
 * The demo data `npm start` loads, in order. Each domain adds its idempotent steps here as it
 * arrives (territories and accounts first, then people and their pathways).
 */
export const demoSeedSteps: readonly DemoSeedStep[] = [];
