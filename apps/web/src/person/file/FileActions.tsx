import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { currentAccessToken } from '../../auth/session';

type Format = 'pdf' | 'json';

/** The file name the server gives in Content-Disposition, else a plain one. */
function fileNameOf(response: Response, format: Format): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? `export-rgpd.${format}`;
}

/**
 * The RGPD right of access, one click away for the referent: the whole file as PDF or JSON,
 * downloaded with the session's token (the API logs the export in the access log).
 */
export function RgpdExportButtons({ personId }: { personId: string }) {
  const [busy, setBusy] = useState<Format>();
  const [failure, setFailure] = useState<string>();

  async function download(format: Format) {
    setBusy(format);
    setFailure(undefined);
    try {
      const token = await currentAccessToken();
      const response = await fetch(`/people/${encodeURIComponent(personId)}/export.${format}`, {
        credentials: 'same-origin',
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!response.ok) {
        setFailure(
          response.status === 403
            ? 'Seul le référent unique peut exporter le dossier.'
            : 'L’export n’a pas pu être préparé. Réessayez dans un instant.',
        );
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = fileNameOf(response, format);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setFailure('L’export n’a pas pu être téléchargé : vérifiez votre connexion.');
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <>
      <Button
        priority="tertiary"
        size="small"
        className="fr-mb-2w"
        iconId="fr-icon-download-line"
        disabled={busy !== undefined}
        onClick={() => void download('pdf')}
      >
        Export RGPD (PDF)
      </Button>
      <Button
        priority="tertiary"
        size="small"
        className="fr-mb-2w"
        iconId="fr-icon-download-line"
        disabled={busy !== undefined}
        onClick={() => void download('json')}
      >
        Export RGPD (JSON)
      </Button>
      <div role="alert">{failure && <p className="fr-error-text fr-mt-0">{failure}</p>}</div>
    </>
  );
}
