/**
 * Where unexpected errors are reported beyond the logs: Sentry when SENTRY_DSN is set (the
 * instrument module installs it), nowhere otherwise. Callers report only what a client sees as
 * an internal error (500, INTERNAL_SERVER_ERROR), never a refusal or a validation error.
 */
type Reporter = (error: unknown) => void;

let reporter: Reporter | undefined;

export function setErrorReporter(next: Reporter | undefined): void {
  reporter = next;
}

export function reportInternalError(error: unknown): void {
  try {
    reporter?.(error);
  } catch {
    // Reporting must never turn one failure into two.
  }
}

type Flush = () => Promise<unknown>;

const flushes: Flush[] = [];

/** What sends the traces and error reports still buffered (the instrument module adds them). */
export function onTelemetryFlush(flush: Flush): void {
  flushes.push(flush);
}

/**
 * Sends what tracing and error reporting still hold, before the process exits (the graceful
 * shutdown calls it); bounded, so a collector that does not answer cannot hold the exit.
 */
export async function flushTelemetry(timeoutMs = 2000): Promise<void> {
  if (flushes.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([Promise.allSettled(flushes.map((flush) => flush())), bound]);
  clearTimeout(timer);
}
