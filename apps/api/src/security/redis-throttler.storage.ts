import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { Redis, type RedisOptions } from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const KEY_PREFIX = 'relais:rate-limit:';

/**
 * One counter, atomically: KEYS[1] counts hits in a window that starts with the first one;
 * KEYS[2], set once the limit is passed, blocks until it expires (and the count starts again).
 * ARGV: window ms, limit, block ms. Returns hits, window ms left, blocked (0/1), block ms left.
 */
const INCREMENT_SCRIPT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return { tonumber(ARGV[2]) + 1, blockLeft, 1, blockLeft }
end
local hits = redis.call('INCR', KEYS[1])
local windowLeft = redis.call('PTTL', KEYS[1])
if windowLeft < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  windowLeft = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return { hits, windowLeft, 1, tonumber(ARGV[3]) }
end
return { hits, windowLeft, 0, 0 }
`;

interface RedisWithIncrement extends Redis {
  relaisRateLimit(
    hitsKey: string,
    blockKey: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<[number, number, number, number]>;
}

/** Reconnects every 0.1 to 2 seconds for as long as it takes (as the live bus does). */
function retryStrategy(times: number): number {
  return Math.min(times * 100, 2_000);
}

function seconds(milliseconds: number): number {
  return Math.ceil(milliseconds / 1000);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Rate-limit counters in Redis (`REDIS_URL`), shared by every API instance. When Redis does
 * not answer, the request is counted in this process's memory instead, with a warning: a
 * Redis outage must not stop sign-ins, and each instance still limits on its own meanwhile.
 * Commands are never queued while Redis is away, and time out fast when it hangs.
 */
export class RedisThrottlerStorage
  implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown
{
  private readonly redis: RedisWithIncrement;
  private readonly local = new ThrottlerStorageService();
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private down = false;
  private closing = false;

  constructor(url: string, options: RedisOptions = {}) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectionName: 'relais-rate-limits',
      retryStrategy,
      ...options,
    }) as RedisWithIncrement;
    this.redis.defineCommand('relaisRateLimit', { numberOfKeys: 2, lua: INCREMENT_SCRIPT });
    this.redis.on('error', (error: Error) => this.wentDown(error));
  }

  /** Waits for Redis at boot, so the first requests are shared; starts anyway without it. */
  async onModuleInit(): Promise<void> {
    try {
      await this.redis.connect();
    } catch (error) {
      this.wentDown(error);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.local.onApplicationShutdown();
    if (this.redis.status !== 'ready') {
      this.redis.disconnect();
      return;
    }
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const [totalHits, windowLeft, blocked, blockLeft] = await this.redis.relaisRateLimit(
        `${KEY_PREFIX}${key}`,
        `${KEY_PREFIX}${key}:blocked`,
        ttl,
        limit,
        blockDuration > 0 ? blockDuration : ttl,
      );
      if (this.down) {
        this.down = false;
        this.logger.log('Redis back: rate limits are shared by the instances again');
      }
      return {
        totalHits,
        timeToExpire: seconds(windowLeft),
        isBlocked: blocked === 1,
        timeToBlockExpire: seconds(blockLeft),
      };
    } catch (error) {
      this.wentDown(error);
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  private wentDown(error: unknown): void {
    if (this.closing || this.down) return;
    this.down = true;
    this.logger.warn(
      `Redis unavailable, rate limits are counted by this instance alone: ${describe(error)}`,
    );
  }
}
