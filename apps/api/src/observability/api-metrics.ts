import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { MetricsRegistry, recordGraphqlOperation } from '@relais/core';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Counter, Histogram } from 'prom-client';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Distinct operation names counted before the rest are pooled as `other`: clients choose them. */
export const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const ERROR_CODE = /^[A-Z_]{1,40}$/;

interface RoutedRequest extends IncomingMessage {
  readonly baseUrl?: string;
  readonly route?: { readonly path?: unknown };
  readonly originalUrl?: string;
}

/**
 * The route template a request matched (`/files/:id/export`), never its URL: URLs hold ids and
 * would make one series per file. GraphQL and socket.io are named by their mount point.
 */
export function routeOf(req: RoutedRequest, res: ServerResponse): string {
  const template = req.route?.path;
  // Express 5 writes a mount's optional tail as `{/*splat}` (GraphQL's is `/graphql{/*splat}`).
  if (typeof template === 'string') {
    return `${req.baseUrl ?? ''}${template}`.replace(/\{\/\*\w*\}$/, '') || '/';
  }
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0] ?? '';
  if (path === '/graphql' || path.startsWith('/graphql/')) return '/graphql';
  if (path.startsWith('/socket.io/')) return '/socket.io';
  return res.statusCode === 404 ? '(unmatched)' : '(other)';
}

/**
 * The API's own measures, on the application's registry: HTTP request durations by route
 * template, and GraphQL operations (duration, errors by `extensions.code`) by operation name.
 */
@Injectable()
export class ApiMetrics {
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly operationDuration: Histogram<'operation' | 'type'>;
  private readonly operationErrors: Counter<'operation' | 'type' | 'code'>;
  private readonly operationNames = new Set<string>();

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.httpDuration = new Histogram({
      name: 'relais_http_request_duration_seconds',
      help: 'HTTP requests to the API, by method, route template and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.operationDuration = new Histogram({
      name: 'relais_graphql_operation_duration_seconds',
      help: 'GraphQL operations over HTTP, by operation name and type.',
      labelNames: ['operation', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.operationErrors = new Counter({
      name: 'relais_graphql_errors_total',
      help: 'Errors in GraphQL answers over HTTP, by operation and extensions.code.',
      labelNames: ['operation', 'type', 'code'],
      registers,
    });
  }

  /** Express middleware timing every request, put first so that it sees them all. */
  readonly httpMiddleware = (req: RoutedRequest, res: ServerResponse, next: () => void): void => {
    const end = this.httpDuration.startTimer();
    res.once('finish', () => {
      const method = req.method ?? '';
      end({
        method: METHODS.has(method) ? method : 'OTHER',
        route: routeOf(req, res),
        status: String(res.statusCode),
      });
    });
    next();
  };

  /** Apollo's view of each operation: its name, once resolved, and the errors answered. */
  graphqlPlugin(): ApolloServerPlugin {
    return {
      requestDidStart: (): Promise<GraphQLRequestListener<object>> => {
        const end = this.operationDuration.startTimer();
        // Before the operation is resolved (a parse or validation failure) it has no name.
        let operation = '(unresolved)';
        let type = '(unknown)';
        return Promise.resolve({
          didResolveOperation: ({ operationName, operation: definition, contextValue }) => {
            operation = this.operationLabel(operationName);
            type = definition?.operation ?? '(unknown)';
            // The request's log line names it too (the same bounded label).
            const req = (contextValue as { req?: IncomingMessage }).req;
            if (req) recordGraphqlOperation(req, operation);
            return Promise.resolve();
          },
          willSendResponse: ({ response }) => {
            end({ operation, type });
            const errors = response.body.kind === 'single' ? response.body.singleResult.errors : [];
            for (const error of errors ?? []) {
              const code = error.extensions?.code;
              this.operationErrors.inc({
                operation,
                type,
                code: typeof code === 'string' && ERROR_CODE.test(code) ? code : 'OTHER',
              });
            }
            return Promise.resolve();
          },
        });
      },
    };
  }

  /** Names chosen by clients, so bounded: well-formed ones up to MAX_OPERATION_NAMES. */
  private operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }
}
