import { Link } from 'react-router';
import { useMe } from '../app/me';

/** What the account can do next when nothing waits on it, by its roles: never what it cannot. */
export function NextSteps() {
  const { hasRole, isAdmin } = useMe();
  const steps: { to: string; text: string; detail: string }[] = [];
  if (hasRole('PROFESSIONAL')) {
    steps.push(
      {
        to: '/accompagnements',
        text: 'Mes accompagnements',
        detail: 'les personnes que vous suivez et leur dernière activité',
      },
      {
        to: '/recherche',
        text: 'Rechercher une personne',
        detail: 'et demander à rejoindre son équipe de suivi',
      },
    );
  }
  if (hasRole('ORIENTATION_MANAGER')) {
    steps.push({
      to: '/demandes',
      text: 'Demandes',
      detail: 'les demandes d’orientation du territoire, dès qu’il en arrive',
    });
  }
  if (hasRole('STRUCTURE_ADMIN')) {
    steps.push({
      to: '/passages',
      text: 'Passages de relais',
      detail: 'ceux proposés à votre structure et leur historique',
    });
  }
  if (isAdmin) {
    steps.push({
      to: '/admin/structures',
      text: 'Administration',
      detail: 'structures, comptes, rattachements et rôles',
    });
  }
  steps.push({
    to: '/mon-compte',
    text: 'Mon compte',
    detail: 'vos coordonnées et vos préférences de courriels',
  });
  return (
    <section aria-labelledby="a-traiter-ensuite">
      <h2 id="a-traiter-ensuite" className="fr-h4">
        Et maintenant ?
      </h2>
      <ul>
        {steps.map((step) => (
          <li key={step.to} className="fr-mb-1w">
            <Link to={step.to}>{step.text}</Link> : {step.detail}
          </li>
        ))}
      </ul>
    </section>
  );
}
