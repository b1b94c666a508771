import { Alert } from '@codegouvfr/react-dsfr/Alert';

/**
 * The confirmation of an admin's change, above the list it changed: it stays until closed or
 * until the next change; nothing while there is no `message`.
 */
export function SavedAlert({ message, onClose }: { message?: string; onClose: () => void }) {
  if (!message) return null;
  return (
    <Alert
      severity="success"
      small
      className="fr-mb-3w"
      description={message}
      closable
      onClose={onClose}
    />
  );
}
