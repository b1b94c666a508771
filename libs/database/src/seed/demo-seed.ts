import type { DataSource, EntityManager } from 'typeorm';

/**
 * One idempotent piece of the demo data: running it on a database that already has it changes
 * nothing. Each domain contributes its own steps; the app lists them in order.
 */
export interface DemoSeedStep {
  readonly name: string;
  run(manager: EntityManager): Promise<void>;
}

/** Runs the steps in one transaction, so a failed seed leaves no half of the demo behind. */
export async function runDemoSeed(
  dataSource: DataSource,
  steps: readonly DemoSeedStep[],
): Promise<string[]> {
  return dataSource.transaction(async (manager) => {
    const ran: string[] = [];
    for (const step of steps) {
      await step.run(manager);
      ran.push(step.name);
    }
    return ran;
  });
}
