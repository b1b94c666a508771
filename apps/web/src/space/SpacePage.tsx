import { useQuery } from '@apollo/client/react';
import { PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';
import { AppointmentsSection } from './AppointmentsSection';
import { FileReadsSection } from './FileReadsSection';
import { FollowersSection } from './FollowersSection';
import { PlanSection } from './PlanSection';
import { RightsSection } from './RightsSection';
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
        Bonjour {space.givenName}. Ceci est votre espace. Vous y voyez votre parcours vers l’emploi
        et les personnes qui vous accompagnent.
      </p>
      <nav aria-label="Dans cette page" className="fr-mb-4w">
        <ul>
          <li>
            <a href="#accompagne-titre">Qui vous accompagne</a>
          </li>
          <li>
            <a href="#rdv-titre">Vos rendez-vous</a>
          </li>
          <li>
            <a href="#parcours-titre">Votre parcours</a>
          </li>
          <li>
            <a href="#consultations-titre">Qui a consulté votre dossier</a>
          </li>
          <li>
            <a href="#droits-titre">Vos droits</a>
          </li>
        </ul>
      </nav>
      <FollowersSection followers={space.followers} />
      <AppointmentsSection upcoming={space.upcomingAppointments} past={space.pastAppointments} />
      <PlanSection plan={space.plan} />
      <FileReadsSection />
      <RightsSection />
      <p className="fr-text--sm">
        Les codes de connexion sont envoyés à {space.space.email}. Pour changer d’adresse,
        demandez-le à votre référent.
      </p>
    </>
  );
}
