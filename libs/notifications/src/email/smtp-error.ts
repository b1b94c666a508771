/** What a failed SMTP send means for its delivery. */
export type SmtpFailure =
  /** The server refused this recipient or message for good (5xx to RCPT TO or DATA). */
  | { readonly kind: 'permanent'; readonly reason: string }
  /** Refused for now (4xx) for this message: retry it later. */
  | { readonly kind: 'transient'; readonly reason: string }
  /** The server is unreachable, timed out or refused the session: retry every message later. */
  | { readonly kind: 'unavailable'; readonly reason: string };

/** Nodemailer's error fields. */
interface NodemailerError {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  message?: unknown;
}

const SESSION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EAUTH',
  'ENOAUTH',
  'EPROXY',
  'EPROTOCOL',
]);

/**
 * Classifies a send's error: a 5xx answer to RCPT TO or DATA is the recipient's or message's
 * refusal for good; anything else (no connection, timeout, 4xx, a refused session) may pass.
 * The reason is the server's answer when there is one, never the message's content.
 */
export function classifySmtpError(error: unknown): SmtpFailure {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const responseCode = typeof fields.responseCode === 'number' ? fields.responseCode : undefined;
  const command = typeof fields.command === 'string' ? fields.command.toUpperCase() : '';
  const response = typeof fields.response === 'string' ? fields.response.trim() : undefined;
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  const reason = oneLine(response ?? (code ? `${code}: ${message}` : message));
  if (
    responseCode !== undefined &&
    responseCode >= 500 &&
    (command.startsWith('RCPT') || command.startsWith('DATA'))
  ) {
    return { kind: 'permanent', reason };
  }
  if (responseCode !== undefined && responseCode >= 400 && command.startsWith('RCPT')) {
    return { kind: 'transient', reason };
  }
  if (responseCode !== undefined && responseCode >= 400 && command.startsWith('DATA')) {
    return { kind: 'transient', reason };
  }
  if (code !== undefined && SESSION_CODES.has(code)) return { kind: 'unavailable', reason };
  // A refused MAIL FROM or greeting, or anything unknown: the session's problem, not this email's.
  return { kind: 'unavailable', reason };
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
