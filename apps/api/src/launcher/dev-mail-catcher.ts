import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/** The development mail catcher `npm start` runs when SMTP_URL is not set. */
export interface DevMailCatcher {
  /** `smtp://127.0.0.1:<port>`, given to the API as SMTP_URL. */
  readonly url: string;
  /** Where each message is written as one .eml file (given to the API as DEV_MAIL_DIR). */
  readonly folder: string;
  /** Stops listening, letting the sessions under way finish for a moment. */
  stop(): Promise<void>;
}

/**
 * The name of a caught message: its arrival time first, so that names sort in arrival order and
 * the newest can be read without opening the others.
 */
export function caughtMessageFileName(at: Date = new Date()): string {
  return `${at.toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
}

/**
 * An SMTP server (smtp-server) on a free loopback port, without TLS, that accepts any sender and
 * recipient and writes each message, as received, into `folder`. For development only: it
 * listens on 127.0.0.1 and keeps everything.
 */
export async function startDevMailCatcher(options: {
  readonly folder: string;
  readonly port?: number;
}): Promise<DevMailCatcher> {
  const { folder } = options;
  await mkdir(folder, { recursive: true });
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 1_000,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'relais' }),
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const name = caughtMessageFileName();
        const path = join(folder, name);
        // Written aside, then renamed: a reader never sees half a message.
        const partial = join(folder, `.${name}.part`);
        writeFile(partial, Buffer.concat(chunks))
          .then(() => rename(partial, path))
          .then(
            () => callback(),
            (error: Error) => callback(error),
          );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    url: `smtp://127.0.0.1:${port}`,
    folder,
    stop: () => (stopped ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}
