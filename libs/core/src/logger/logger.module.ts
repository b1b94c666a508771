import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';

const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** Reuses a well-formed incoming request id (from a proxy) or makes one, and echoes it back. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id =
    typeof incoming === 'string' && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * Logs the path only: query strings, bodies, headers and client addresses can carry personal
 * data (names, emails, tokens, IP addresses) and never reach the logs.
 */
export function pathOnly(url: string | undefined): string {
  if (!url) return '';
  const queryStart = url.indexOf('?');
  return queryStart === -1 ? url : url.slice(0, queryStart);
}

const graphqlOperations = new WeakMap<IncomingMessage, string>();

/** Names the GraphQL operation a request carries, for its request log line. */
export function recordGraphqlOperation(req: IncomingMessage, operation: string): void {
  graphqlOperations.set(req, operation);
}

/** The GraphQL operation of a request, once resolved, on its request log line. */
function graphqlOperationOf(req: IncomingMessage): { graphqlOperation?: string } {
  const operation = graphqlOperations.get(req);
  return operation ? { graphqlOperation: operation } : {};
}

/** What pino-http logs of each request: an id, the method and the path; nothing personal. */
export function httpLoggerOptions(config: Pick<AppConfig, 'logLevel'>) {
  return {
    level: config.logLevel,
    genReqId: requestIdFor,
    autoLogging: { ignore: (req: IncomingMessage) => pathOnly(req.url).startsWith('/health') },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: pathOnly(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error & { code?: unknown }) => ({
        type: err.name,
        code: err.code,
        message: err.message,
        stack: err.stack,
      }),
    },
    // Asked again when the response is logged, by which time the operation is known.
    customProps: graphqlOperationOf,
    formatters: { level: (label: string) => ({ level: label }) },
    // Which instance wrote the line: its host name (the pod's, in Kubernetes) and process.
    base: { service: 'relais-api', instance: hostname(), pid: process.pid },
  };
}

/** Where the logs go (stdout); `drainLogs` writes out what it holds before the process exits. */
export type LogDestination = ReturnType<typeof pino.destination>;
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/**
 * stdout (or `dest`, a file), written asynchronously: a log line is appended to a buffer and written by libuv while
 * the request goes on, instead of one blocking write(2) per line on the event loop (the bench's
 * open-file, one request line each: bench/README.md). Lines keep their order and go out as soon
 * as the previous write is done (no minimum length: a quiet instance's lines are not held back).
 * What is still buffered when the process exits is written by pino's exit handler (flushSync),
 * and on SIGTERM by `drainLogs`, before the exit (GracefulShutdown).
 */
export function logDestination(dest: number | string = 1): LogDestination {
  return pino.destination({ dest, sync: false });
}

/**
 * Resolves once every line logged so far is written (or after `timeoutMs`); the destination is
 * ended: for the last step before the process exits.
 */
export function drainLogs(destination: LogDestination, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    destination.once('close', done);
    try {
      destination.end();
    } catch {
      // Ended and closed already: nothing is left to write.
      done();
    }
  });
}

@Module({
  providers: [{ provide: LOG_DESTINATION, useFactory: () => logDestination() }],
  exports: [LOG_DESTINATION],
})
class LogDestinationModule {}

@Module({
  imports: [
    LogDestinationModule,
    PinoLoggerModule.forRootAsync({
      imports: [LogDestinationModule],
      inject: [APP_CONFIG, LOG_DESTINATION],
      useFactory: (config: AppConfig, destination: LogDestination) => ({
        pinoHttp: [httpLoggerOptions(config), destination],
      }),
    }),
  ],
  exports: [LogDestinationModule],
})
export class LoggerModule {}
