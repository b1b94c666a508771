import { setTimeout as pause } from 'node:timers/promises';

/**
 * Waits for a condition: probes until it gives a truthy value and returns that value, or fails
 * after the timeout naming what it last saw. The one polling loop of the tests.
 */
export async function waitUntil<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 15_000,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(`the condition did not hold within ${timeoutMs} ms: ${String(value)}`);
    }
    await pause(intervalMs);
  }
}
