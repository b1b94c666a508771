import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MetricsRegistry } from '@relais/core';
import { collectDefaultMetrics, Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { GraphqlWsConnections } from '../graphql/graphql-ws-connections.js';
import { LiveConnections } from '../realtime/live-connections.js';

interface PgPool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

/**
 * What the process holds, read at each scrape: Node's default metrics (event-loop lag, heap,
 * CPU, handles), the database pool, and the live connections and their operations.
 */
@Injectable()
export class RuntimeMetrics {
  constructor(
    metrics: MetricsRegistry,
    @InjectDataSource() dataSource: DataSource,
    liveConnections: LiveConnections,
    graphqlWs: GraphqlWsConnections,
  ) {
    const registers = [metrics.registry];
    collectDefaultMetrics({ register: metrics.registry });
    // TypeORM's PostgreSQL driver keeps node-postgres's pool as `master`.
    const pool = (): PgPool | undefined =>
      (dataSource.driver as unknown as { master?: PgPool }).master;
    new Gauge({
      name: 'relais_db_pool_connections',
      help: 'Connections of the database pool: total open, idle, and requests waiting for one.',
      labelNames: ['state'],
      registers,
      collect: function (this: Gauge<'state'>) {
        const current = pool();
        this.set({ state: 'total' }, current?.totalCount ?? 0);
        this.set({ state: 'idle' }, current?.idleCount ?? 0);
        this.set({ state: 'waiting' }, current?.waitingCount ?? 0);
      },
    });
    new Gauge({
      name: 'relais_live_connections',
      help: 'Authenticated live connections on this instance, by transport.',
      labelNames: ['transport'],
      registers,
      collect: function (this: Gauge<'transport'>) {
        this.set({ transport: 'socket.io' }, liveConnections.countOf('socket.io'));
        this.set({ transport: 'graphql-ws' }, liveConnections.countOf('graphql-ws'));
      },
    });
    new Gauge({
      name: 'relais_graphql_ws_operations',
      help: 'Operations under way on GraphQL WebSocket connections (subscriptions, mostly).',
      registers,
      collect: function (this: Gauge) {
        this.set(graphqlWs.operationCount);
      },
    });
  }
}
