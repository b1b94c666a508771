import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, Module, type INestApplication } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  drainLogs,
  LOG_DESTINATION,
  type LogDestination,
} from '@relais/core';
import { flushTelemetry } from '../observability/error-reporting.js';

/** Where an instance is in its shutdown. */
export type ShutdownPhase = 'serving' | 'draining' | 'closing';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * What SIGTERM (or SIGINT) does to the API, in order, so that a rolling restart behind a load
 * balancer loses nothing:
 *
 * 1. draining: `/health/ready` answers 503 at once (`/health/live` stays 200) and every response
 *    says `Connection: close`, while the instance goes on serving for SHUTDOWN_DRAIN_SECONDS,
 *    the load balancer's time to notice and send its traffic elsewhere;
 * 2. closing: the port stops accepting, live connections are told to reconnect elsewhere
 *    (graphql-ws closed with 1012 Service Restart, socket.io sockets sent `service-restart`
 *    and their transport closed, which its client answers by reconnecting), keep-alive
 *    connections are closed as soon as they are idle, and requests in flight finish;
 * 3. the application closes: the workers (outbox dispatcher, webhook sender, handover expiry,
 *    retention) stop after the batch they are in, whose transaction commits or rolls back whole,
 *    then the database pool closes; buffered traces and error reports are sent (at most 2 s),
 *    the log lines still buffered are written (they are written asynchronously: at most 1 s);
 *    the process exits 0.
 *
 * All of it within SHUTDOWN_GRACE_SECONDS of the signal: past it, what is left is cut and the
 * process exits 1, so that a supervisor sees a shutdown that did not go cleanly. A second
 * signal during the shutdown is ignored (the grace period bounds the wait; SIGKILL is there to
 * cut it shorter).
 */
@Injectable()
export class GracefulShutdown {
  private readonly logger = new Logger(GracefulShutdown.name);
  private currentPhase: ShutdownPhase = 'serving';
  private readonly closers = new Set<() => void>();
  private readonly inFlight = new Set<ServerResponse>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get phase(): ShutdownPhase {
    return this.currentPhase;
  }

  /** From the signal on: the readiness check fails, the load balancer should stop sending. */
  get draining(): boolean {
    return this.currentPhase !== 'serving';
  }

  /** The port no longer accepts: a live connection still arriving is told to go elsewhere. */
  get closing(): boolean {
    return this.currentPhase === 'closing';
  }

  /**
   * Registers what closes a transport's live connections when the instance stops accepting
   * (each is told to reconnect elsewhere); returns the unregistration.
   */
  onClosing(closeLiveConnections: () => void): () => void {
    this.closers.add(closeLiveConnections);
    return () => void this.closers.delete(closeLiveConnections);
  }

  /**
   * Takes over SIGTERM and SIGINT for this application (instead of Nest's enableShutdownHooks,
   * which closes the port at once and then re-raises the signal: a non-zero exit).
   */
  handleSignals(app: INestApplication): void {
    const server = app.getHttpServer() as Server;
    // Before Express's own listener: the header must be set before any handler answers.
    server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) =>
      this.track(server, response),
    );
    for (const signal of SIGNALS) {
      process.on(signal, () => {
        if (this.currentPhase !== 'serving') {
          this.logger.warn(`${signal} again: ignored, the shutdown under way is bounded`);
          return;
        }
        void this.shutDown(app, server, signal);
      });
    }
  }

  private track(server: Server, response: ServerResponse): void {
    // While draining, a connection serves its request and closes: none lingers idle, to be
    // reused by the load balancer at the moment it is closed.
    if (this.draining) response.setHeader('Connection', 'close');
    this.inFlight.add(response);
    response.once('close', () => {
      this.inFlight.delete(response);
      // A keep-alive connection whose request began before the drain: closed once idle.
      if (this.closing) setImmediate(() => server.closeIdleConnections());
    });
  }

  private async shutDown(app: INestApplication, server: Server, signal: string): Promise<void> {
    const { drainSeconds, graceSeconds } = this.config.shutdown;
    const deadline = setTimeout(() => {
      this.logger.error(
        `shutdown not done within SHUTDOWN_GRACE_SECONDS (${graceSeconds} s): ${this.inFlight.size} requests in flight are cut`,
      );
      server.closeAllConnections();
      process.exit(1);
    }, graceSeconds * 1000);
    this.currentPhase = 'draining';
    this.logger.log(
      `${signal}: draining, /health/ready answers 503; serving ${drainSeconds} s more, then closing`,
    );
    await new Promise((resolve) => setTimeout(resolve, drainSeconds * 1000));

    this.currentPhase = 'closing';
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const response of this.inFlight) {
      if (!response.headersSent) response.setHeader('Connection', 'close');
    }
    for (const close of this.closers) {
      try {
        close();
      } catch (error) {
        this.logger.error(`closing live connections failed: ${String(error)}`);
      }
    }
    server.closeIdleConnections();
    this.logger.log(`closing: no new connection; ${this.inFlight.size} requests in flight`);
    await closed;

    try {
      await app.close();
    } catch (error) {
      this.logger.error(`the application did not close cleanly: ${String(error)}`);
      process.exit(1);
    }
    this.logger.log('stopped');
    // The traces and error reports of the last requests, before the process goes.
    await flushTelemetry();
    // The last log lines, 'stopped' among them: the logs are written asynchronously.
    await drainLogs(app.get<LogDestination>(LOG_DESTINATION, { strict: false }), 1000);
    clearTimeout(deadline);
    process.exit(0);
  }
}

@Module({ providers: [GracefulShutdown], exports: [GracefulShutdown] })
export class ShutdownModule {}
