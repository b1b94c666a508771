import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { APP_CONFIG, type AppConfig, MetricsRegistry } from '@relais/core';

/**
 * `GET /metrics` in Prometheus's text format on METRICS_PORT, a plain node:http server of its
 * own: never on the API's port, so a reverse proxy publishing the API cannot publish it by
 * mistake. Opened when the API starts serving (a tool booting the app opens nothing).
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server: Server | undefined;
  private resolveAddress!: (address: AddressInfo) => void;
  private rejectAddress!: (error: Error) => void;
  /** Where the metrics are served, once they are (port 0 in METRICS_PORT picks a free one). */
  readonly address: Promise<AddressInfo>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsRegistry,
    private readonly httpAdapterHost: HttpAdapterHost,
  ) {
    this.address = new Promise((resolve, reject) => {
      this.resolveAddress = resolve;
      this.rejectAddress = reject;
    });
    // Nobody need wait for it when the metrics are off.
    this.address.catch(() => undefined);
  }

  onApplicationBootstrap(): void {
    const settings = this.config.metrics;
    if (!settings) return this.rejectAddress(new Error('METRICS_PORT is not set'));
    const api = this.httpAdapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!api) return;
    if (api.listening) this.listen(settings);
    else api.once('listening', () => this.listen(settings));
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private listen(settings: { host: string; port: number }): void {
    const server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: GET /metrics\n');
        return;
      }
      this.metrics.registry.metrics().then(
        (body) => {
          res.writeHead(200, { 'content-type': this.metrics.registry.contentType });
          res.end(req.method === 'HEAD' ? undefined : body);
        },
        (error: unknown) => {
          this.logger.error({ err: { type: (error as Error)?.name } }, 'metrics collection failed');
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n');
        },
      );
    });
    server.once('error', (error: NodeJS.ErrnoException) => {
      this.logger.error(
        `the metrics could not be served on ${settings.host}:${settings.port} (METRICS_PORT): ${error.code ?? error.message}`,
      );
      this.rejectAddress(error);
    });
    server.listen(settings.port, settings.host, () => {
      const address = server.address() as AddressInfo;
      this.logger.log(`metrics at http://${settings.host}:${address.port}/metrics`);
      this.resolveAddress(address);
    });
    this.server = server;
  }
}
