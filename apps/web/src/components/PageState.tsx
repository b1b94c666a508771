import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { describeError, isConflict, type FieldLabels } from '../api/errors';

/** Loading, an error in plain French (with "Réessayer"), or nothing. */
export function PageState({
  loading,
  error,
  retry,
  loadingText = 'Chargement…',
}: {
  loading?: boolean;
  error?: unknown;
  retry?: () => void;
  loadingText?: string;
}) {
  if (error) {
    const problem = describeError(error);
    return (
      <Alert
        severity="error"
        as="h2"
        title={problem.code === 'FORBIDDEN' ? 'Accès refusé' : 'Une erreur est survenue'}
        description={
          <>
            <p>{problem.message}</p>
            {retry && problem.code !== 'FORBIDDEN' && (
              <Button priority="secondary" size="small" onClick={retry}>
                Réessayer
              </Button>
            )}
          </>
        }
      />
    );
  }
  if (loading) {
    return (
      <p role="status" aria-live="polite" className="fr-text--lg">
        {loadingText}
      </p>
    );
  }
  return null;
}

/** An empty list, said in a sentence rather than left blank. */
export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="fr-text--lead fr-mb-4w">{children}</p>;
}

/**
 * The error of a form's submission: a conflict (a stale version) offers to reload; a field the
 * server named is said by its French label.
 */
export function MutationError({
  error,
  labels,
  onReload,
}: {
  error: unknown;
  labels?: FieldLabels;
  onReload?: () => void;
}) {
  if (!error) return null;
  const problem = describeError(error, labels);
  return (
    <Alert
      severity={isConflict(error) ? 'warning' : 'error'}
      small
      className="fr-mb-2w"
      description={
        <>
          {problem.message}
          {isConflict(error) && onReload && (
            <>
              {' '}
              <Button priority="tertiary" size="small" onClick={onReload}>
                Recharger la dernière version
              </Button>
            </>
          )}
        </>
      }
    />
  );
}
