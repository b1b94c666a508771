import type { RetentionReport } from './retention.service.js';

const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;

/** The counts of a retention run, one readable line per step (the CLI and the job's log). */
export function describeRetention(report: RetentionReport): string[] {
  const { archived, purged, accessLog } = report;
  const verb = (done: string, would: string): string => (report.dryRun ? would : done);
  return [
    `${verb('archived', 'would archive')} ${plural(archived.files, 'file')} without activity for 24 months ` +
      `(open requests closed: ${plural(archived.handovers, 'handover')}, ` +
      `${plural(archived.joinRequests, 'join request')}, ` +
      `${plural(archived.orientationRequests, 'orientation request')})`,
    `${verb('purged', 'would purge')} ${plural(purged.files, 'file')} archived for 24 months ` +
      `(with ${plural(purged.notifications, 'notification')}, ${plural(purged.events, 'event')}, ` +
      `${plural(purged.webhookDeliveries, 'webhook delivery', 'webhook deliveries')}, ` +
      `${plural(purged.idempotencyRecords, 'idempotency record')})`,
    `${verb('purged', 'would purge')} ${plural(accessLog.rows, 'access-log row')} older than 12 months ` +
      `(${plural(accessLog.territories, 'territory', 'territories')})`,
  ];
}
