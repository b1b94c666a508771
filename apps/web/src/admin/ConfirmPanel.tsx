import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useRef, type ReactNode } from 'react';
import { type FieldLabels } from '../api/errors';
import { MutationError } from '../components/PageState';

/**
 * The confirmation step of a grave action (revoking, disabling), inline above the list. Focus
 * moves to its heading so that keyboard and screen-reader users land on the question.
 */
export function ConfirmPanel({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
  error,
  errorLabels,
  headingLevel = 2,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: unknown;
  errorLabels?: FieldLabels;
  headingLevel?: 2 | 3;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Back to the button that opened the question when it closes, or to the page's content if
    // that button is gone (the row changed).
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
      else document.getElementById('contenu')?.focus();
    };
  }, []);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section
      className="fr-p-3w fr-mb-3w"
      style={{ border: '2px solid var(--border-plain-warning)' }}
      aria-labelledby="relais-confirm-title"
    >
      <Heading id="relais-confirm-title" className="fr-h5" tabIndex={-1} ref={heading}>
        {title}
      </Heading>
      <div className="fr-mb-2w">{children}</div>
      <MutationError error={error} labels={errorLabels} />
      <div className="relais-actions">
        <Button onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </Button>
        <Button priority="secondary" onClick={onCancel} disabled={busy}>
          Annuler
        </Button>
      </div>
    </section>
  );
}
