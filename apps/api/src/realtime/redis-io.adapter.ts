import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';

// @nestjs/platform-socket.io pins its own copy of socket.io: its types, not the root ones.
type IoServer = ReturnType<IoAdapter['createIOServer']>;
type IoServerOptions = Parameters<IoAdapter['createIOServer']>[1];

/** An error's class and message, without stack or data. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
}

/**
 * socket.io through Redis (`REDIS_URL`): `server.to(room).emit` on one instance reaches the
 * sockets of every instance. Redis away never breaks a request: the local sockets still get
 * the emit, the cross-instance copy is dropped (the inbox has the notification), and ioredis
 * reconnects by itself; the adapter's subscriptions come back with it.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly redisLogger = new Logger(RedisIoAdapter.name);
  private readonly pubClient: Redis;
  private readonly subClient: Redis;
  private down = false;

  constructor(app: ConstructorParameters<typeof IoAdapter>[0], redisUrl: string) {
    super(app);
    const retryStrategy = (times: number): number => Math.min(times * 100, 2_000);
    // No offline queue for publishing: a stale emit delivered minutes later is worse than none.
    this.pubClient = new Redis(redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy,
    });
    this.subClient = new Redis(redisUrl, { maxRetriesPerRequest: null, retryStrategy });
    // The adapter does not await its publishes: a rejection must not become an unhandled one.
    const pubClient = this.pubClient;
    const publish: (channel: string, message: string | Buffer) => Promise<number> =
      pubClient.publish.bind(pubClient);
    Object.assign(pubClient, {
      publish: (channel: string, message: string | Buffer) =>
        publish(channel, message).catch(() => 0),
    });
    for (const client of [this.pubClient, this.subClient]) {
      client.on('error', (error: Error) => {
        if (this.down) return;
        this.down = true;
        this.redisLogger.warn(`Redis unavailable for socket.io, retrying: ${describe(error)}`);
      });
      client.on('ready', () => {
        if (this.down) this.redisLogger.log('Redis back for socket.io');
        this.down = false;
      });
    }
  }

  override createIOServer(port: number, options?: IoServerOptions): IoServer {
    const server = super.createIOServer(port, options);
    // The adapter is built against the root socket.io-adapter, which both copies use.
    server.adapter(createAdapter(this.pubClient, this.subClient) as never);
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    for (const client of [this.pubClient, this.subClient]) {
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
    }
  }
}
