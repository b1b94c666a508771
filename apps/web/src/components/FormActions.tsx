import { Button } from '@codegouvfr/react-dsfr/Button';
import { type ReactNode } from 'react';

/**
 * The foot of a form: its submit button, then the button that closes it without saving
 * ("Annuler", or "Fermer" where nothing is lost).
 */
export function FormActions({
  submitLabel,
  onCancel,
  disabled,
  cancelDisabled,
  cancelLabel = 'Annuler',
  cancelPriority = 'secondary',
  size,
  className,
}: {
  submitLabel: ReactNode;
  onCancel: () => void;
  /** The submit button is disabled (usually while the mutation runs). */
  disabled?: boolean;
  cancelDisabled?: boolean;
  cancelLabel?: string;
  cancelPriority?: 'secondary' | 'tertiary';
  size?: 'small';
  /** More classes for the row (spacing). */
  className?: string;
}) {
  return (
    <div className={className ? `relais-actions ${className}` : 'relais-actions'}>
      <Button type="submit" size={size} disabled={disabled}>
        {submitLabel}
      </Button>
      <Button
        type="button"
        size={size}
        priority={cancelPriority}
        onClick={onCancel}
        disabled={cancelDisabled}
      >
        {cancelLabel}
      </Button>
    </div>
  );
}
