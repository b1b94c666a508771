import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState, type ReactNode } from 'react';
import { PageState } from './PageState';

/** A Relay connection's `pageInfo`, as the lists ask for it. */
export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly endCursor?: string | null;
}

/**
 * For `fetchMore`'s `updateQuery`: the next page's connection, its edges after those already
 * shown.
 */
export function withMoreEdges<C extends { readonly edges: readonly unknown[] }>(
  previous: C,
  next: C,
): C {
  return { ...next, edges: [...previous.edges, ...next.edges] };
}

/**
 * "Voir plus" under a list read page by page: shown while the connection has a next page, it
 * asks `onMore` for the page after the last cursor and stays disabled meanwhile. With
 * `showError`, a failed page is said above it (otherwise the query's own error state says it).
 */
export function LoadMoreButton({
  pageInfo,
  onMore,
  children = 'Voir plus',
  loadingLabel,
  showError = false,
  className,
}: {
  pageInfo: PageInfo | undefined;
  onMore: (after: string) => Promise<unknown>;
  children?: ReactNode;
  /** What the button says while the page loads (by default, its usual words). */
  loadingLabel?: string;
  showError?: boolean;
  className?: string;
}) {
  const [state, setState] = useState<{ loading: boolean; error?: unknown }>({ loading: false });

  async function more(after: string) {
    setState({ loading: true });
    try {
      await onMore(after);
      setState({ loading: false });
    } catch (caught) {
      setState({ loading: false, error: showError ? caught : undefined });
    }
  }

  return (
    <>
      {state.error !== undefined && <PageState error={state.error} />}
      {pageInfo?.hasNextPage && pageInfo.endCursor && (
        <Button
          priority="secondary"
          className={className}
          disabled={state.loading}
          onClick={() => void more(pageInfo.endCursor ?? '')}
        >
          {state.loading && loadingLabel ? loadingLabel : children}
        </Button>
      )}
    </>
  );
}
