import { currentAccessToken } from '../auth/session';

/** Why a download failed: the server's status, or no answer at all (status 0). */
export class DownloadError extends Error {
  constructor(readonly status: number) {
    super(`download failed with status ${status}`);
  }
}

/** The file name the server gives in Content-Disposition, else the fallback. */
function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
}

/**
 * Downloads a file the API serves to the session (an RGPD export), with the session's bearer
 * token: fetched, then saved from a blob, since a plain link would carry no token.
 */
export async function downloadWithSession(path: string, fallbackName: string): Promise<void> {
  const token = await currentAccessToken();
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new DownloadError(0);
  }
  if (!response.ok) throw new DownloadError(response.status);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response, fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
