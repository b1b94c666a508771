import type { AddressInfo } from 'node:net';
import type { ParsedMail } from 'mailparser';
import type { SMTPServer, SMTPServerAddress } from 'smtp-server';
import { trackCloser } from './process-registry.js';
import { waitUntil } from './wait.js';

/** One message the test SMTP server accepted, parsed with mailparser. */
export interface ReceivedEmail {
  /** The SMTP envelope: MAIL FROM and every accepted RCPT TO, as the client sent them. */
  readonly envelope: { readonly from: string | undefined; readonly to: readonly string[] };
  readonly subject: string;
  /** The text part ('' when none). */
  readonly text: string;
  /** The HTML part (undefined when none). */
  readonly html: string | undefined;
  /**
   * Each header's raw value as sent (unfolded, not decoded), names in lower case
   * (`list-unsubscribe`, `message-id`, ...); the first when repeated. `parsed.headers` has them
   * structured.
   */
  readonly headers: ReadonlyMap<string, string>;
  /** The whole message as received, for what the fields above do not show. */
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
  readonly receivedAt: Date;
}

export interface SmtpTestServerOptions {
  /** The port to listen on; a free one by default. */
  readonly port?: number;
  /** Accept (and ignore) AUTH from clients that send it; off by default. */
  readonly acceptAuth?: boolean;
}

export interface SmtpTestServer {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  readonly url: string;
  readonly port: number;
  /** What it received so far, oldest first. */
  messages(): ReceivedEmail[];
  /** Waits until at least `count` messages arrived; gives them all. */
  waitForMessages(count: number, options?: { timeoutMs?: number }): Promise<ReceivedEmail[]>;
  /** Refuses the recipients the predicate picks at RCPT TO, with this code (550) and message. */
  refuseRecipients(predicate: (address: string) => boolean, code?: number, message?: string): void;
  /** Stops listening (an outage); the messages stay. `start()` listens again on the same port. */
  stop(): Promise<void>;
  /** Listens again on the same port after `stop()`. */
  start(): Promise<void>;
  /** Stops for good. */
  close(): Promise<void>;
}

function rawHeaders(parsed: ParsedMail): Map<string, string> {
  const headers = new Map<string, string>();
  for (const { key, line } of parsed.headerLines) {
    if (headers.has(key)) continue;
    const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ');
    headers.set(key, value.trim());
  }
  return headers;
}

/** How long a stop waits for open SMTP sessions before cutting them. */
const CLOSE_TIMEOUT_MS = 200;

interface Refusal {
  readonly predicate: (address: string) => boolean;
  readonly code: number;
  readonly message: string;
}

/**
 * A real SMTP server (smtp-server) on a free loopback port, without TLS, that keeps every
 * message it receives parsed (mailparser). Registered in the process registry, so it is closed
 * even when the test times out.
 */
export async function startSmtpTestServer(
  options: SmtpTestServerOptions = {},
): Promise<SmtpTestServer> {
  // Loaded by the tests that start one, not by every file importing @relais/testing.
  const [{ simpleParser }, { SMTPServer }] = await Promise.all([
    import('mailparser'),
    import('smtp-server'),
  ]);
  const received: ReceivedEmail[] = [];
  const refusals: Refusal[] = [];
  let server: SMTPServer | undefined;
  let untrack: (() => void) | undefined;
  let port = options.port ?? 0;

  const create = (): SMTPServer =>
    new SMTPServer({
      secure: false,
      disabledCommands: options.acceptAuth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: true,
      allowInsecureAuth: true,
      logger: false,
      closeTimeout: CLOSE_TIMEOUT_MS,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        const refusal = refusals.find((candidate) => candidate.predicate(address.address));
        if (!refusal) return callback();
        const error = new Error(refusal.message) as Error & { responseCode: number };
        error.responseCode = refusal.code;
        callback(error);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', callback);
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (parsed) => {
              const from = session.envelope.mailFrom;
              received.push({
                envelope: {
                  from: from ? from.address : undefined,
                  to: session.envelope.rcptTo.map((recipient) => recipient.address),
                },
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: parsed.html === false ? undefined : parsed.html,
                headers: rawHeaders(parsed),
                raw,
                parsed,
                receivedAt: new Date(),
              });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });

  const stopServer = async (): Promise<void> => {
    const current = server;
    server = undefined;
    untrack?.();
    untrack = undefined;
    if (!current) return;
    await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  const start = async (): Promise<void> => {
    if (server) return;
    const created = create();
    await new Promise<void>((resolve, reject) => {
      created.server.once('error', reject);
      created.listen(port, '127.0.0.1', () => {
        created.server.off('error', reject);
        resolve();
      });
    });
    port = (created.server.address() as AddressInfo).port;
    server = created;
    untrack = trackCloser(`SMTP test server on port ${port}`, stopServer);
  };

  await start();

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages: () => [...received],
    waitForMessages: async (count, { timeoutMs = 15_000 } = {}) =>
      waitUntil(() => received.length >= count && [...received], timeoutMs),
    refuseRecipients: (predicate, code = 550, message = 'Mailbox unavailable') => {
      refusals.push({ predicate, code, message });
    },
    stop: stopServer,
    start,
    close: stopServer,
  };
}
