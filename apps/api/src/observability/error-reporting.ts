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
