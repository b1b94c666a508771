import { currentAccessToken } from '../../auth/session';
import type { CaseloadFilter, CaseloadOrder } from './query';

/** Why the server refused the export, in French. */
export class CaseloadExportError extends Error {}

/** The filter and the order as GET /people/caseload.csv reads them. */
export function exportQuery(filter: CaseloadFilter | undefined, order: CaseloadOrder): string {
  const params = new URLSearchParams({ sort: order.field, direction: order.direction });
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (value !== null && value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

/**
 * Asks the server for the CSV of what is listed (with the session's token, which a plain link
 * would not send) and saves it under the name the server gives.
 */
export async function downloadCaseloadCsv(
  filter: CaseloadFilter | undefined,
  order: CaseloadOrder,
): Promise<void> {
  const token = await currentAccessToken();
  const response = await fetch(`/people/caseload.csv?${exportQuery(filter, order)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { reason?: string };
    throw new CaseloadExportError(
      body.reason === 'EXPORT_TOO_LARGE'
        ? 'La liste compte plus de 5 000 personnes : affinez les filtres avant d’exporter.'
        : 'L’export n’a pas pu être préparé. Réessayez dans un instant.',
    );
  }
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
    'accompagnements.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
