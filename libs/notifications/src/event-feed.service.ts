import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode, DomainErrorReason, type Page } from '@relais/core';
import type { OutboxEventRow } from '@relais/events';
import type { ClientPrincipal, Principal } from '@relais/identity';
import { LiveBus } from './live-bus.js';
import type { EventsMessage, LiveEventJson } from './live-messages.js';
import type { PartnerEventView } from './notification.views.js';
import { partnerMaySee } from './partner-visibility.js';

export interface EventFeedQuery {
  readonly first: number;
  readonly after?: string | null;
  readonly types?: readonly string[] | null;
}

export interface EventStreamQuery {
  readonly after?: string | null;
  readonly types?: readonly string[] | null;
}

/** Replay reads this many events per statement. */
const REPLAY_BATCH = 500;
/** A stream whose reader lags this many batches behind forgets them and reads the database. */
const MAX_BUFFERED_BATCHES = 1_000;

/** A dispatched event as the partners' feed reads it. */
export interface PartnerFeedRow extends OutboxEventRow {
  position: string;
}

/**
 * The visible events after a position, oldest first, at most `limit`, and the highest position
 * dispatched in the same snapshot (every position up to it is committed): the partners' feed
 * read model, bound by the API to the client's scope.
 */
export type PartnerFeedReader = (
  after: bigint,
  types: readonly string[] | null | undefined,
  limit: number,
) => Promise<{ rows: PartnerFeedRow[]; head: bigint }>;

/** A value partners may read: ids, states, codes, numbers, dates. A free text never passes. */
function isPlainValue(value: unknown): boolean {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return true;
  if (typeof value === 'string') return value.length <= 64 && /^[\w.:+-]*$/.test(value);
  if (Array.isArray(value)) return value.length <= 100 && value.every(isPlainValue);
  return false;
}

/**
 * The payload as partners get it. Writers put ids and states only (`writeOutbox`); this is the
 * second lock on that door: anything that looks like a sentence or a nested record is left out.
 */
export function partnerPayload(payload: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([, value]) => isPlainValue(value)));
}

/** The partner client behind a principal, refused unless it may read events at all. */
function eventReader(principal: Principal): ClientPrincipal {
  if (principal.kind !== 'client') {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      DomainErrorReason.PartnerOnly,
      'The event feed is for partner systems: caseworkers read their notifications.',
    );
  }
  if (!principal.scopes.includes('events:read')) {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      DomainErrorReason.ScopeMissing,
      'This client lacks the events:read scope.',
    );
  }
  return principal;
}

/** A position cursor (a decimal string) as a bigint; BAD_USER_INPUT for any other. */
function positionOf(after: string | null | undefined): bigint {
  if (after === null || after === undefined) return 0n;
  if (!/^\d{1,18}$/.test(after)) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.InvalidCursor,
      'after is not a cursor this API gave',
      {
        field: 'after',
      },
    );
  }
  return BigInt(after);
}

function viewOfRow(row: PartnerFeedRow): PartnerEventView {
  return {
    id: row.id,
    position: row.position,
    type: row.type,
    occurredAt: row.occurred_at,
    territoryId: row.territory_id,
    structureIds: row.structure_ids,
    personId: row.person_id,
    payload: partnerPayload(row.payload),
  };
}

function viewOfLive(event: LiveEventJson): PartnerEventView {
  return {
    id: event.id,
    position: event.position,
    type: event.type,
    occurredAt: new Date(event.occurredAt),
    territoryId: event.territoryId,
    structureIds: event.structureIds,
    personId: event.personId,
    payload: partnerPayload(event.payload),
  };
}

/**
 * The partner systems' event feed: the dispatched events of their territory (or structure),
 * within their scopes, never about a person who restricted processing or objected to sharing.
 * Read by position (the public cursor) for reconciliation, or streamed: replay from a cursor,
 * then live, without gap or duplicate.
 */
@Injectable()
export class EventFeedService {
  constructor(private readonly bus: LiveBus) {}

  /** A page of events after a position, oldest first, in one statement (`read`'s). */
  async page(
    principal: Principal,
    query: EventFeedQuery,
    read: PartnerFeedReader,
  ): Promise<Page<PartnerEventView>> {
    eventReader(principal);
    const { rows } = await read(positionOf(query.after), query.types, query.first + 1);
    const nodes = rows.slice(0, query.first).map(viewOfRow);
    return {
      nodes,
      hasNextPage: rows.length > query.first,
      endCursor: nodes.at(-1)?.position ?? query.after ?? null,
    };
  }

  /**
   * The events after a position, then each one as it is dispatched. Live batches arriving while
   * the replay runs wait in a buffer; those the replay already covered are dropped. A batch that
   * does not follow the last position seen (a message lost while Redis was away, or batches of
   * two instances crossing) sends the stream back to the database, which has every dispatched
   * event: so nothing is missed and nothing is sent twice.
   */
  stream(
    principal: Principal,
    query: EventStreamQuery,
    read: PartnerFeedReader,
  ): AsyncIterableIterator<PartnerEventView> {
    const client = eventReader(principal);
    const types = query.types?.length ? new Set(query.types) : null;
    let covered = positionOf(query.after);
    const queue: (EventsMessage | 'resync')[] = [];
    let closed = false;
    let wake: (() => void) | null = null;
    const notify = (): void => {
      const resume = wake;
      wake = null;
      resume?.();
    };
    const enqueue = (item: EventsMessage | 'resync'): void => {
      if (queue.length >= MAX_BUFFERED_BATCHES) queue.splice(0, queue.length, 'resync');
      else queue.push(item);
      notify();
    };
    // Listening starts before the replay reads, so an event dispatched meanwhile is buffered.
    const stopEvents = this.bus.subscribe('events', enqueue);
    const stopResync = this.bus.onResync(() => enqueue('resync'));

    const replay = async function* (): AsyncGenerator<PartnerEventView, void, undefined> {
      for (;;) {
        const { rows, head } = await read(covered, query.types, REPLAY_BATCH);
        for (const row of rows) {
          covered = BigInt(row.position);
          yield viewOfRow(row);
        }
        if (rows.length < REPLAY_BATCH) {
          if (head > covered) covered = head;
          return;
        }
      }
    };

    const run = async function* (): AsyncGenerator<PartnerEventView, void, undefined> {
      try {
        yield* replay();
        while (!closed) {
          const item = queue.shift();
          if (item === undefined) {
            await new Promise<void>((resolve) => (wake = resolve));
            continue;
          }
          if (item === 'resync' || BigInt(item.from) > covered + 1n) {
            yield* replay();
            continue;
          }
          for (const event of item.events) {
            if (BigInt(event.position) <= covered) continue;
            covered = BigInt(event.position);
            if (partnerMaySee(client, event) && (!types || types.has(event.type))) {
              yield viewOfLive(event);
            }
          }
          if (BigInt(item.to) > covered) covered = BigInt(item.to);
        }
      } finally {
        stopEvents();
        stopResync();
      }
    };

    const generator = run();
    const close = (): void => {
      closed = true;
      notify();
    };
    return {
      next: () => generator.next(),
      return: (value?: unknown) => {
        close();
        return generator.return(value as undefined);
      },
      throw: (error?: unknown) => {
        close();
        return generator.throw(error);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
