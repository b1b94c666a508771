import { Link } from 'react-router';
import { LegalPage } from './LegalPage';
import { LEGAL_PATHS } from './legal-paths';

interface SiteLink {
  readonly to: string;
  readonly text: string;
}

const SECTIONS: readonly { title: string; hint?: string; links: readonly SiteLink[] }[] = [
  {
    title: 'Accompagner',
    hint: 'Pour les professionnels ; une page demande de se connecter d’abord.',
    links: [
      { to: '/', text: 'À traiter' },
      { to: '/accompagnements', text: 'Mes accompagnements' },
      { to: '/recherche', text: 'Rechercher une personne' },
      { to: '/passages', text: 'Passages de relais' },
      { to: '/demandes', text: 'Demandes' },
      { to: '/anciens-accompagnements', text: 'Anciens accompagnements' },
      { to: '/notifications', text: 'Notifications' },
      { to: '/mon-compte', text: 'Mon compte' },
    ],
  },
  {
    title: 'Administrer',
    hint: 'Pour les administrateurs, selon leur rôle.',
    links: [
      { to: '/admin/structures', text: 'Structures' },
      { to: '/admin/comptes', text: 'Comptes et invitations' },
      { to: '/admin/rattachements', text: 'Rattachements et rôles' },
      { to: '/admin/clients-api', text: 'Clients API' },
      { to: '/admin/journal', text: 'Journal d’administration' },
      { to: '/admin/journal-acces', text: 'Journal des accès par personne' },
      { to: '/admin/courriels', text: 'Journal des courriels' },
    ],
  },
  {
    title: 'Informations',
    links: [
      { to: '/connexion', text: 'Connexion' },
      { to: LEGAL_PATHS.legalNotice, text: 'Mentions légales' },
      { to: LEGAL_PATHS.personalData, text: 'Données personnelles' },
      { to: LEGAL_PATHS.cookies, text: 'Gestion des cookies' },
      { to: LEGAL_PATHS.accessibility, text: 'Déclaration d’accessibilité' },
    ],
  },
];

/** Plan du site: every page, by what it is for. */
export function SitemapPage() {
  return (
    <LegalPage title="Plan du site">
      {SECTIONS.map((section) => (
        <section key={section.title} aria-labelledby={`plan-${section.title}`}>
          <h2 id={`plan-${section.title}`}>{section.title}</h2>
          {section.hint && <p>{section.hint}</p>}
          <ul>
            {section.links.map((link) => (
              <li key={link.to}>
                <Link to={link.to}>{link.text}</Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </LegalPage>
  );
}
