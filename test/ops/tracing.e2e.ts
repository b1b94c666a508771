import { eventually } from '../notifications/notification-support.js';
import {
  ADD_NOTE,
  type ChildWorld,
  createPersonalFile,
  OPEN_FILE,
  PERSONAL,
  personalDataIn,
  type Receiver,
  startChildWorld,
  startReceiver,
} from './observability-support.js';
import { startFromEmptyTables } from '../support/app.js';

interface OtlpSpan {
  readonly name: string;
  readonly kind: number;
  readonly attributes?: { key: string; value: Record<string, unknown> }[];
}
interface OtlpExport {
  readonly resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[];
  }[];
}

/** Every span received so far, with the instrumentation (scope) that made it. */
function spansOf(collector: Receiver): { scope: string; span: OtlpSpan; service?: string }[] {
  return collector.received
    .filter((request) => request.path === '/v1/traces')
    .flatMap((request) => (JSON.parse(request.body) as OtlpExport).resourceSpans)
    .flatMap((resource) =>
      resource.scopeSpans.flatMap((scope) =>
        scope.spans.map((span) => ({
          scope: scope.scope.name,
          span,
          service: resource.resource.attributes.find((a) => a.key === 'service.name')?.value
            .stringValue,
        })),
      ),
    );
}

function attribute(span: OtlpSpan, key: string): unknown {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  return value ? Object.values(value)[0] : undefined;
}

describe('tracing (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  startFromEmptyTables();
  let collector: Receiver;
  let world: ChildWorld | undefined;

  beforeAll(async () => {
    collector = await startReceiver();
    world = await startChildWorld({
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'relais-ops-test',
      // Export within 100 ms rather than 5 s, so the test waits less.
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  });

  afterAll(async () => {
    await world?.close();
    await collector?.close();
  });

  it('sends HTTP, GraphQL and SQL spans over OTLP/JSON, with no personal data in them', async () => {
    const client = world!.caseworker;
    const personId = await createPersonalFile(world!);
    await client.data(ADD_NOTE, { input: { personId, body: PERSONAL.note } });
    const opened = await client.data<{ person: { email: string; nir: string } }>(OPEN_FILE, {
      id: personId,
    });
    expect(opened.person.email).toBe(PERSONAL.email);
    // A query string with personal data: traced by its path only.
    const exported = await fetch(
      `${world!.api.baseUrl}/people/${personId}/export.json?email=${encodeURIComponent(PERSONAL.email)}`,
      { headers: { authorization: `Bearer ${world!.accessToken}` } },
    );
    expect(exported.status).toBe(200);

    const spans = await eventually(
      () => Promise.resolve(spansOf(collector)),
      (all) =>
        all.some((s) => s.scope.includes('instrumentation-http') && s.span.kind === 2) &&
        all.some((s) => s.scope.includes('instrumentation-graphql')) &&
        all.some((s) => s.scope.includes('instrumentation-pg')) &&
        all.some((s) =>
          [attribute(s.span, 'http.target'), attribute(s.span, 'url.path')].some(
            (value) => typeof value === 'string' && value.includes('export.json'),
          ),
        ),
    );
    expect(collector.received[0]?.headers['content-type']).toContain('application/json');
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['relais-ops-test']));
    const operations = spans
      .filter((s) => s.scope.includes('instrumentation-graphql'))
      .map((s) => attribute(s.span, 'graphql.operation.name'));
    expect(operations).toEqual(expect.arrayContaining(['CreatePersonForOps', 'OpenFileForOps']));
    const statements = spans
      .filter((s) => s.scope.includes('instrumentation-pg'))
      .map((s) => String(attribute(s.span, 'db.statement') ?? attribute(s.span, 'db.query.text')));
    expect(statements.some((statement) => /INSERT INTO "?person"?/i.test(statement))).toBe(true);

    const everything = collector.received.map((request) => request.body).join('\n');
    expect(personalDataIn(everything)).toEqual([]);
    expect(everything).not.toContain('email=');
  });
});

describe('tracing at shutdown', () => {
  let collector: Receiver;
  let world: ChildWorld | undefined;

  beforeAll(async () => {
    collector = await startReceiver();
    // The exporter's default delay (5 s): what the last requests traced is still buffered.
    world = await startChildWorld({
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'relais-ops-shutdown',
    });
  });

  afterAll(async () => {
    await world?.close();
    await collector?.close();
  });

  it('sends the spans still buffered before the process exits on SIGTERM', async () => {
    const personId = await createPersonalFile(world!);
    await world!.caseworker.data(OPEN_FILE, { id: personId });
    world!.api.child.kill('SIGTERM');
    expect(await world!.api.exited).toEqual({ code: 0, signal: null });
    const operations = spansOf(collector)
      .filter((s) => s.scope.includes('instrumentation-graphql'))
      .map((s) => attribute(s.span, 'graphql.operation.name'));
    expect(operations).toEqual(expect.arrayContaining(['OpenFileForOps']));
  });
});
