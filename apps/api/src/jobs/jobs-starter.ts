import type { Server as HttpServer } from 'node:http';
import { Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JobRunner, JobsModule } from '@relais/core';

/**
 * Starts the background jobs the libs declare once the API listens (decision 0019): a tool that
 * boots the application without serving (schema generation) runs none. They stop when the
 * application closes (`JobRunner` at module destroy), after the HTTP server has drained: each
 * ends the batch it is in before the database pool closes (graceful-shutdown.service.ts).
 */
@Injectable()
export class JobsStarter implements OnApplicationBootstrap {
  private readonly logger = new Logger('Jobs');

  constructor(
    private readonly httpAdapterHost: HttpAdapterHost,
    private readonly jobs: JobRunner,
  ) {}

  onApplicationBootstrap(): void {
    const server = this.httpAdapterHost.httpAdapter?.getHttpServer() as HttpServer | undefined;
    if (!server) return;
    const start = (): void => {
      this.jobs.start().catch((error: unknown) => {
        this.logger.error(`the jobs could not start: ${String(error)}`);
      });
    };
    if (server.listening) start();
    else server.once('listening', start);
  }
}

@Module({ imports: [JobsModule], providers: [JobsStarter] })
export class ApiJobsModule {}
