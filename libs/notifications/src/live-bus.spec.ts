import { describe, expect, it } from '@jest/globals';
import { InMemoryLiveBus, pushIterator } from './live-bus.js';

describe('pushIterator', () => {
  it('yields pushed values in order, buffered or awaited, and unsubscribes when the reader stops', async () => {
    let push: (value: number) => void = () => undefined;
    let stopped = 0;
    const iterator = pushIterator<number>((next) => {
      push = next;
      return () => (stopped += 1);
    });
    push(1);
    push(2);
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    expect(await iterator.next()).toEqual({ value: 2, done: false });
    const waiting = iterator.next();
    push(3);
    expect(await waiting).toEqual({ value: 3, done: false });

    const pending = iterator.next();
    await iterator.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(stopped).toBe(1);
    push(4);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });
});

describe('InMemoryLiveBus', () => {
  it('delivers JSON copies on a later tick, to subscribers of the topic only, until they leave', async () => {
    const bus = new InMemoryLiveBus();
    const received: unknown[] = [];
    const stop = bus.subscribe('revocations', (message) => received.push(message));
    const message = { origin: 'here', key: 'account-1' };
    await bus.publish('revocations', message);
    expect(received).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([message]);
    expect(received[0]).not.toBe(message);
    stop();
    await bus.publish('revocations', message);
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toHaveLength(1);
  });
});
