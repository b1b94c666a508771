import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { DownloadError, downloadWithSession } from '../../api/download';

type Format = 'pdf' | 'json';

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
      await downloadWithSession(
        `/people/${encodeURIComponent(personId)}/export.${format}`,
        `export-rgpd.${format}`,
      );
    } catch (error) {
      const status = error instanceof DownloadError ? error.status : 0;
      setFailure(
        status === 403
          ? 'Seul le référent unique peut exporter le dossier.'
          : status === 0
            ? 'L’export n’a pas pu être téléchargé : vérifiez votre connexion.'
            : 'L’export n’a pas pu être préparé. Réessayez dans un instant.',
      );
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
