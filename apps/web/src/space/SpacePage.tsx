import { useQuery } from '@apollo/client/react';
import { PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';
import { FollowersSection } from './FollowersSection';
import { SPACE_QUERY } from './space-query';

/**
 * `/mon-espace`: the followed person's own space, mobile first, in short plain sentences: who
 * follows them, their appointments, their pathway, who read their file, their rights.
 */
export function SpacePage() {
  usePageTitle('Mon espace');
  const { data, error, loading, refetch } = useQuery(SPACE_QUERY);
  if (!data) {
    return (
      <>
        <h1>Mon espace</h1>
        <PageState loading={loading} error={error} retry={() => void refetch()} />
      </>
    );
  }
  const space = data.mySpace;
  return (
    <>
      <h1>Mon espace</h1>
      <p className="fr-text--lead">
        Ici, vous voyez votre parcours vers l’emploi et les personnes qui vous accompagnent.
      </p>
      <FollowersSection followers={space.followers} />
    </>
  );
}
