import { Link } from 'react-router';
import { useMeIfSignedIn } from '../app/me';
import { sectionLinks, SITEMAP_SECTIONS, SPACE_PATHS, type SitemapSection } from '../app/pages';
import { sessionKind } from '../auth/session';
import { LegalPage } from './LegalPage';
import { LEGAL_PATHS } from './legal-paths';

interface SiteLink {
  readonly to: string;
  readonly text: string;
}

/** What a visitor not signed in reads of each section: its pages ask to sign in first. */
const SIGNED_OUT_HINTS: Record<SitemapSection, string> = {
  Accompagner: 'Pour les professionnels ; une page demande de se connecter d’abord.',
  Administrer: 'Pour les administrateurs, selon leur rôle.',
};

/** The legal pages, each of LEGAL_PATHS but this one, in the plan's order. */
const LEGAL_LINKS: Record<Exclude<keyof typeof LEGAL_PATHS, 'sitemap'>, string> = {
  legalNotice: 'Mentions légales',
  personalData: 'Données personnelles',
  cookies: 'Gestion des cookies',
  accessibility: 'Déclaration d’accessibilité',
};

/**
 * Plan du site: every page, by what it is for, from the routes (pages.ts, legal-paths.ts).
 * Signed in, only the pages one's roles open; signed out, all of them, each asking to sign in.
 */
export function SitemapPage() {
  const signedIn = useMeIfSignedIn();
  // A followed person signed in: their space only, none of the professionals' pages.
  const person = sessionKind() === 'person';
  const sections: { title: string; hint?: string; links: readonly SiteLink[] }[] = person
    ? []
    : SITEMAP_SECTIONS.map((title) => ({
        title,
        hint: signedIn ? undefined : SIGNED_OUT_HINTS[title],
        links: sectionLinks(title, (roles) => !signedIn || signedIn.hasRole(...roles)),
      }));
  if (person || !signedIn) {
    sections.push({
      title: 'Espace personnel',
      hint: person ? undefined : 'Pour les personnes accompagnées, invitées par leur référent.',
      links: [
        person
          ? { to: SPACE_PATHS.space, text: 'Mon espace' }
          : { to: SPACE_PATHS.signIn, text: 'Se connecter à mon espace' },
      ],
    });
  }
  sections.push({
    title: 'Informations',
    links: [
      ...(signedIn || person ? [] : [{ to: '/connexion', text: 'Connexion' }]),
      ...Object.entries(LEGAL_LINKS).map(([key, text]) => ({
        to: LEGAL_PATHS[key as keyof typeof LEGAL_LINKS],
        text,
      })),
    ],
  });
  return (
    <LegalPage title="Plan du site">
      {sections
        .filter((section) => section.links.length > 0)
        .map((section) => (
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
