import { TestEnvironment } from 'jest-environment-node';

const KEY = Symbol.for('relais.process-registry');

/**
 * The node environment, plus a net under the database tiers: when a test file has run (its
 * afterAll hooks included, even after a timeout), whatever child process or server it started
 * through libs/testing's process registry and did not stop is stopped here, and the file fails
 * naming it. Here rather than in a setup file's afterAll: that one would run before the file's
 * own top-level afterAll and take what the file was about to stop for a leak.
 */
export default class TrackedProcessEnvironment extends TestEnvironment {
  async handleTestEvent(event, state) {
    if (event.name !== 'run_finish') return;
    const registry = this.global[KEY];
    if (!registry) return;
    const left = await registry.stopLeftovers();
    if (left.length === 0) return;
    const message = `left running after the file's tests, now stopped: ${left.join(', ')}`;
    process.stderr.write(`\n[process registry] ${this.testPath ?? ''}: ${message}\n`);
    state.unhandledErrors.push(new Error(message));
  }

  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
  }
}
