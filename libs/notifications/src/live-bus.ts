import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import type { LiveTopics } from './live-messages.js';

export type LiveTopic = keyof LiveTopics;

/**
 * Live messages between the API instances: in memory for one instance, Redis pub/sub with
 * `REDIS_URL`. Live delivery is best effort on top of durable rows (inbox, positioned events):
 * publishing never throws nor waits for Redis, and a message lost in an outage is caught up
 * from the database (`notifications(after)`, `events(after)`, the resync signal).
 * Messages are JSON on both implementations, so a subscriber sees the same thing on either.
 */
export abstract class LiveBus implements OnApplicationShutdown {
  /** Tells this instance's own messages from the others' (revocations are relayed once). */
  readonly instanceId = randomUUID();
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly logger = new Logger(LiveBus.name);

  /** Sends a message to every instance, this one included. Never rejects. */
  abstract publish<T extends LiveTopic>(topic: T, message: LiveTopics[T]): Promise<void>;

  abstract close(): Promise<void>;

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /** Calls the handler with each message of the topic, from any instance; returns the unsubscribe. */
  subscribe<T extends LiveTopic>(topic: T, handler: (message: LiveTopics[T]) => void): () => void {
    const listener = (message: LiveTopics[T]): void => {
      try {
        handler(message);
      } catch (error) {
        this.logger.error(`a ${topic} subscriber failed: ${describe(error)}`);
      }
    };
    this.local.on(topic, listener);
    return () => this.local.off(topic, listener);
  }

  /**
   * Called when messages may have been lost (the bus reconnected after an outage): streams that
   * must not miss anything read the database again from where they stand.
   */
  onResync(handler: () => void): () => void {
    this.local.on('resync', handler);
    return () => this.local.off('resync', handler);
  }

  protected deliver(topic: string, raw: string): void {
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      this.logger.warn(`dropped a malformed ${topic} message`);
      return;
    }
    this.local.emit(topic, message);
  }

  protected resync(): void {
    this.local.emit('resync');
  }
}

/** One instance: messages stay in the process (delivered on a later tick, as Redis would). */
export class InMemoryLiveBus extends LiveBus {
  publish<T extends LiveTopic>(topic: T, message: LiveTopics[T]): Promise<void> {
    const raw = JSON.stringify(message);
    setImmediate(() => this.deliver(topic, raw));
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

const CHANNEL_PREFIX = 'relais:live:';

/** Reconnects every 0.1 to 2 seconds for as long as it takes (ioredis' own retry loop). */
function retryStrategy(times: number): number {
  return Math.min(times * 100, 2_000);
}

/**
 * Several instances: Redis pub/sub. The publisher never queues while Redis is away (a stale
 * push is worth less than a bounded memory); the subscriber resubscribes by itself when Redis
 * comes back, and then asks the streams to resync.
 */
export class RedisLiveBus extends LiveBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly log = new Logger(RedisLiveBus.name);
  private publisherDown = false;
  private subscriberDown = false;
  private closing = false;

  constructor(url: string, options: RedisOptions = {}) {
    super();
    this.publisher = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy,
      ...options,
    });
    this.subscriber = new Redis(url, {
      maxRetriesPerRequest: null,
      autoResubscribe: true,
      retryStrategy,
      ...options,
    });
    this.publisher.on('error', (error: Error) => {
      if (this.closing || this.publisherDown) return;
      this.publisherDown = true;
      this.log.warn(`Redis publisher unavailable, live pushes are skipped: ${describe(error)}`);
    });
    this.publisher.on('ready', () => {
      if (this.publisherDown) this.log.log('Redis publisher back');
      this.publisherDown = false;
    });
    this.subscriber.on('error', (error: Error) => {
      if (this.closing || this.subscriberDown) return;
      this.subscriberDown = true;
      this.log.warn(`Redis subscriber unavailable, retrying: ${describe(error)}`);
    });
    this.subscriber.on('close', () => {
      if (!this.closing) this.subscriberDown = true;
    });
    this.subscriber.on('ready', () => {
      // ioredis resubscribes before 'ready' (autoResubscribe): anything published while we
      // were away is lost to pub/sub, so the streams read it from the database.
      if (!this.subscriberDown) return;
      this.subscriberDown = false;
      this.log.log('Redis subscriber back');
      this.resync();
    });
    this.subscriber.on('pmessage', (_pattern: string, channel: string, raw: string) => {
      this.deliver(channel.slice(CHANNEL_PREFIX.length), raw);
    });
    this.subscriber.psubscribe(`${CHANNEL_PREFIX}*`).catch((error: unknown) => {
      if (!this.closing) this.log.warn(`could not subscribe to Redis: ${describe(error)}`);
    });
  }

  async publish<T extends LiveTopic>(topic: T, message: LiveTopics[T]): Promise<void> {
    if (this.closing) return;
    try {
      await this.publisher.publish(`${CHANNEL_PREFIX}${topic}`, JSON.stringify(message));
    } catch (error) {
      if (this.publisherDown) return;
      this.publisherDown = true;
      this.log.warn(`Redis publisher unavailable, live pushes are skipped: ${describe(error)}`);
    }
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.all([quit(this.publisher), quit(this.subscriber)]);
  }
}

/** Closes a client, politely when it is connected, at once otherwise. */
async function quit(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    await client.quit().catch(() => client.disconnect());
  } else {
    client.disconnect();
  }
}

/** An error's class and message, without stack or data. */
export function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0]}`;
  return String(error);
}

/** Values buffered for a slow reader before it is cut off (it catches up from the database). */
const MAX_BUFFERED_VALUES = 1_000;

/**
 * An async iterator over pushed values (a GraphQL subscription's source). `start` subscribes
 * and returns the unsubscribe, called when the reader stops, even while it waits.
 */
export function pushIterator<T>(
  start: (push: (value: T) => void) => () => void,
): AsyncIterableIterator<T> {
  const values: T[] = [];
  const waiting: ((result: IteratorResult<T, undefined>) => void)[] = [];
  let done = false;
  const finish = (): IteratorResult<T, undefined> => {
    if (!done) {
      done = true;
      stop();
      for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
    }
    return { value: undefined, done: true };
  };
  const stop = start((value) => {
    if (done) return;
    const reader = waiting.shift();
    if (reader) reader({ value, done: false });
    else if (values.length < MAX_BUFFERED_VALUES) values.push(value);
    else finish();
  });
  return {
    next: () => {
      if (values.length > 0) return Promise.resolve({ value: values.shift() as T, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: () => Promise.resolve(finish()),
    throw: (error?: unknown) => {
      finish();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
