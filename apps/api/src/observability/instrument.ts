/**
 * Tracing (OpenTelemetry) and error reporting (Sentry), started before the server's modules
 * run: main.ts imports this module first. It stays synchronous (a top-level await would let the
 * next imports run before it) and loads nothing when neither OTEL_EXPORTER_OTLP_ENDPOINT nor
 * SENTRY_DSN is set. The instrumentations hook `require`, through which Nest, Apollo, TypeORM
 * and express reach graphql, pg, express, ioredis and node:http; the ESM hook covers modules
 * imported later. Values that do not parse are left to the configuration's one-line error.
 */
import { createRequire, register } from 'node:module';
import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Express from '@opentelemetry/instrumentation-express';
import type * as Graphql from '@opentelemetry/instrumentation-graphql';
import type * as Http from '@opentelemetry/instrumentation-http';
import type * as IORedis from '@opentelemetry/instrumentation-ioredis';
import type * as Pg from '@opentelemetry/instrumentation-pg';
import type * as SdkNode from '@opentelemetry/sdk-node';
import type * as SentryNode from '@sentry/node';
import {
  describeWithoutPersonalData,
  scrubDeep,
  scrubText,
  withoutQuery,
} from './personal-data.js';
import { onTelemetryFlush, setErrorReporter } from './error-reporting.js';

const require = createRequire(import.meta.url);

function parsesAsUrl(value: string | undefined): value is string {
  if (!value) return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Attributes that hold a client's address or software: personal data, never exported. */
const DROPPED_ATTRIBUTES = [
  'client.address',
  'client.port',
  'http.client_ip',
  'net.peer.ip',
  'net.sock.peer.addr',
  'network.peer.address',
  'http.user_agent',
  'user_agent.original',
  'url.query',
];
const URL_ATTRIBUTES = ['http.url', 'http.target', 'url.full', 'url.path', 'http.route'];

function scrubAttributes(attributes: Attributes): void {
  for (const key of DROPPED_ATTRIBUTES) delete attributes[key];
  for (const [key, value] of Object.entries(attributes)) {
    let next: AttributeValue | undefined = value;
    if (typeof value === 'string') {
      next = scrubText(URL_ATTRIBUTES.includes(key) ? withoutQuery(value) : value);
    }
    if (key === 'exception.message') next = '(withheld: it can quote values)';
    if (key === 'exception.stacktrace' && typeof value === 'string') {
      next = value.split('\n').slice(1).join('\n');
    }
    attributes[key] = next;
  }
}

/**
 * Runs before the exporter's processor, on the finished span: queries, client addresses and
 * exception messages out, and any email or NIR-shaped number masked in what remains.
 */
class PersonalDataSpanProcessor implements SpanProcessor {
  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    scrubAttributes(span.attributes);
    for (const event of span.events) if (event.attributes) scrubAttributes(event.attributes);
    const status = span.status as { message?: string };
    if (status.message) status.message = '(withheld)';
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function startTracing(serviceName: string): void {
  // Loaded only when tracing is on, and synchronously (see the top of this file).
  const { NodeSDK, tracing } = require('@opentelemetry/sdk-node') as typeof SdkNode;
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof Http;
  const { ExpressInstrumentation } =
    require('@opentelemetry/instrumentation-express') as typeof Express;
  const { GraphQLInstrumentation } =
    require('@opentelemetry/instrumentation-graphql') as typeof Graphql;
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof Pg;
  const { IORedisInstrumentation } =
    require('@opentelemetry/instrumentation-ioredis') as typeof IORedis;

  // Modules imported from here on (the ESM ones) are hooked too.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const sdk = new NodeSDK({
    serviceName,
    // OTLP over HTTP in JSON, to OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces (or the
    // OTEL_EXPORTER_OTLP_TRACES_ENDPOINT given); OTEL_EXPORTER_OTLP_HEADERS are sent.
    spanProcessors: [
      new PersonalDataSpanProcessor(),
      new tracing.BatchSpanProcessor(new OTLPTraceExporter()),
    ],
    // Traces only: the metrics are Prometheus's, the logs pino's.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => (request.url ?? '').startsWith('/health'),
      }),
      new ExpressInstrumentation(),
      // Literals in query documents are replaced by `*`; no resolver spans (one per field).
      new GraphQLInstrumentation({
        allowValues: false,
        ignoreResolveSpans: true,
        mergeItems: true,
      }),
      // SQL text only (Relais's statements are parameterised), never parameter values; no spans
      // for the dispatcher's and workers' polls, which belong to no request.
      new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
      // The command's name only: keys and arguments hold addresses, ids and socket payloads.
      new IORedisInstrumentation({
        requireParentSpan: true,
        dbStatementSerializer: (command) => command,
      }),
    ],
  });
  sdk.start();
  // At shutdown: the spans of the last requests are exported, not lost with the process.
  onTelemetryFlush(() => sdk.shutdown());
}

/** Drops what Sentry would otherwise send of the request: body, cookies, headers, query, user. */
function scrubEvent<T extends SentryNode.Event>(event: T): T {
  const request = event.request;
  if (request) {
    delete request.data;
    delete request.cookies;
    delete request.query_string;
    delete request.env;
    const contentType = request.headers?.['content-type'];
    request.headers = contentType ? { 'content-type': contentType } : {};
    if (request.url) request.url = withoutQuery(request.url);
  }
  delete event.user;
  delete event.server_name;
  event.breadcrumbs = event.breadcrumbs?.map(scrubBreadcrumb);
  for (const exception of event.exception?.values ?? []) {
    if (exception.value) exception.value = scrubText(exception.value);
  }
  if (event.message) event.message = scrubText(event.message);
  if (event.extra) event.extra = scrubDeep(event.extra);
  if (event.contexts) event.contexts = scrubDeep(event.contexts);
  return event;
}

function scrubBreadcrumb(breadcrumb: SentryNode.Breadcrumb): SentryNode.Breadcrumb {
  const data = breadcrumb.data ? scrubDeep({ ...breadcrumb.data }) : undefined;
  if (data && typeof data.url === 'string') data.url = withoutQuery(data.url);
  return {
    ...breadcrumb,
    message: breadcrumb.message ? scrubText(breadcrumb.message) : breadcrumb.message,
    data,
  };
}

function startSentry(env: NodeJS.ProcessEnv): void {
  const Sentry = require('@sentry/node') as typeof SentryNode;
  Sentry.init({
    dsn: env.SENTRY_DSN,
    environment: env.SENTRY_ENVIRONMENT || undefined,
    release: env.SENTRY_RELEASE || undefined,
    // Sentry 11's successor of `sendDefaultPii: false`: no user, cookies, bodies, query
    // strings, GraphQL documents or variables, database query data; request headers but
    // content-type left out too.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: { request: { allow: ['content-type'] }, response: false },
      httpBodies: [],
      urlQueryParams: false,
      graphQL: { document: false, variables: false },
      databaseQueryData: false,
      genAI: { inputs: false, outputs: false },
      mcp: { inputs: false, outputs: false },
    },
    // Errors only: no tracesSampleRate, so Sentry records no spans and (v10 and later) sets up
    // no OpenTelemetry of its own; the traces are OpenTelemetry's, above.
    defaultIntegrations: false,
    integrations: [
      Sentry.eventFiltersIntegration(),
      Sentry.functionToStringIntegration(),
      Sentry.linkedErrorsIntegration(),
      Sentry.dedupeIntegration(),
      // One scope per request (what went wrong where), without reading its body.
      Sentry.httpIntegration({ spans: false, maxRequestBodySize: 'none' }),
      Sentry.requestDataIntegration(),
      Sentry.onUncaughtExceptionIntegration(),
      Sentry.onUnhandledRejectionIntegration(),
      Sentry.nodeContextIntegration(),
    ],
    beforeSend: (event) => scrubEvent(event),
    beforeSendTransaction: (event) => scrubEvent(event),
    beforeBreadcrumb: (breadcrumb) => scrubBreadcrumb(breadcrumb),
  });
  onTelemetryFlush(() => Sentry.close(2000));
  setErrorReporter((error) => {
    // The message of a database error can quote values: its SQLSTATE stands in.
    const { type, message } = describeWithoutPersonalData(error);
    const reported = new Error(message);
    reported.name = type;
    if (error instanceof Error && error.stack) {
      reported.stack = [`${type}: ${message}`, ...error.stack.split('\n').slice(1)].join('\n');
    }
    Sentry.captureException(reported);
  });
}

const env = process.env;
if (parsesAsUrl(env.OTEL_EXPORTER_OTLP_ENDPOINT)) {
  startTracing(env.OTEL_SERVICE_NAME?.trim() || 'relais');
}
if (parsesAsUrl(env.SENTRY_DSN)) startSentry(env);
