import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { DownloadError, downloadWithSession } from '../api/download';
import { RightsRequests } from './RightsRequests';

function ExportButtons() {
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function download(format: 'pdf' | 'json') {
    setBusy(true);
    setFailure(undefined);
    try {
      await downloadWithSession(`/me/export.${format}`, `mon-dossier-relais.${format}`);
    } catch (error) {
      setFailure(
        error instanceof DownloadError && error.status === 0
          ? 'Le téléchargement n’a pas marché. Vérifiez votre connexion à internet, puis réessayez.'
          : 'Le téléchargement n’a pas marché. Réessayez dans un instant.',
      );
    }
    setBusy(false);
  }
  return (
    <>
      <h3 className="fr-h5">Voir tout votre dossier</h3>
      <p>
        Vous pouvez télécharger tout ce que les professionnels ont écrit sur vous. Le fichier PDF se
        lit sur un téléphone ou un ordinateur. Le fichier JSON sert à donner votre dossier à un
        autre service.
      </p>
      <div className="relais-actions">
        <Button iconId="fr-icon-download-line" disabled={busy} onClick={() => void download('pdf')}>
          Télécharger mon dossier (PDF)
        </Button>
        <Button
          priority="secondary"
          iconId="fr-icon-download-line"
          disabled={busy}
          onClick={() => void download('json')}
        >
          Télécharger mon dossier (JSON)
        </Button>
      </div>
      <div role="alert">{failure && <p className="fr-error-text">{failure}</p>}</div>
    </>
  );
}

/** Their rights: a copy of the file, and requests to their referent with their state. */
export function RightsSection() {
  return (
    <section aria-labelledby="droits-titre" className="fr-mb-6w">
      <h2 id="droits-titre">Vos droits</h2>
      <p>
        Les informations de votre dossier vous concernent. La loi vous donne des droits sur elles.
      </p>
      <ExportButtons />
      <RightsRequests />
    </section>
  );
}
