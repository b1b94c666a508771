import { appendFileSync, readFileSync } from 'node:fs';
import { TestEnvironment } from 'jest-environment-node';

const KEY = Symbol.for('relais.process-registry');

/** The CPU time of this process's ended children (Chromium, servers), from /proc (Linux). */
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // cutime and cstime, the 16th and 17th fields, in clock ticks (100 a second).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

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
    this.cpuAtStart = process.cpuUsage();
    this.childrenCpuAtStart = childrenCpuMs();
    this.timeAtStart = performance.now();
  }

  /**
   * RELAIS_TEST_CPU_LOG=<file>: one line per file, tab-separated: its path, the worker's CPU,
   * its ended children's CPU and its wall time, in milliseconds, then the worker's active
   * resources (docs/decisions/0021).
   */
  async teardown() {
    await super.teardown();
    const log = process.env.RELAIS_TEST_CPU_LOG;
    if (!log) return;
    const cpu = process.cpuUsage(this.cpuAtStart);
    const wall = performance.now() - this.timeAtStart;
    const children = childrenCpuMs() - this.childrenCpuAtStart;
    const line = [
      this.testPath,
      Math.round((cpu.user + cpu.system) / 1000),
      children,
      Math.round(wall),
      // What keeps the worker alive once the file is done (a growing list names a leaking file).
      process.getActiveResourcesInfo().sort().join(','),
    ];
    appendFileSync(log, `${line.join('\t')}\n`);
  }
}
