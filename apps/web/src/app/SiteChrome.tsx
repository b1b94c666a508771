import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header, type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { PageState } from '../components/PageState';
import { LEGAL_PATHS } from '../legal/legal-paths';

/** The State's block and the service's name, the same signed in and signed out. */
export const HEADER_BRAND = {
  brandTop: (
    <>
      République
      <br />
      Française
    </>
  ),
  homeLinkProps: { to: '/', title: 'Accueil — Relais' },
  serviceTitle: 'Relais',
  serviceTagline: 'Le carnet de parcours partagé du service public de l’insertion et de l’emploi',
} satisfies Partial<HeaderProps>;

/**
 * The footer of every page, signed in or not: the legal pages a State site owes, and the
 * accessibility status an honest self-assessment supports (no audit yet: non conforme).
 */
export function SiteFooter() {
  return (
    <Footer
      accessibility="non compliant"
      accessibilityLinkProps={{ to: LEGAL_PATHS.accessibility }}
      termsLinkProps={{ to: LEGAL_PATHS.legalNotice }}
      websiteMapLinkProps={{ to: LEGAL_PATHS.sitemap }}
      contentDescription="Relais partage le parcours des personnes accompagnées entre les structures du service public de l’insertion et de l’emploi, dans le respect du secret professionnel partagé (CASF L.121-6-2)."
      bottomItems={[
        { text: 'Données personnelles', linkProps: { to: LEGAL_PATHS.personalData } },
        { text: 'Gestion des cookies', linkProps: { to: LEGAL_PATHS.cookies } },
      ]}
    />
  );
}

/** The skip links, first in the page. */
export function SiteSkipLinks({ withMenu }: { withMenu: boolean }) {
  return (
    <SkipLinks
      links={[
        { anchor: '#contenu', label: 'Contenu' },
        ...(withMenu ? [{ anchor: '#fr-header-main-navigation', label: 'Menu' }] : []),
        { anchor: '#fr-footer', label: 'Pied de page' },
      ]}
    />
  );
}

/**
 * Signed out (the sign-in page, the legal pages): the State's header and footer, no menu; the
 * route's page in between.
 */
export function PublicLayout() {
  return (
    <>
      <SiteSkipLinks withMenu={false} />
      <Header
        {...HEADER_BRAND}
        quickAccessItems={[
          {
            iconId: 'fr-icon-account-circle-line',
            text: 'Se connecter',
            linkProps: { to: '/connexion' },
          },
        ]}
      />
      <main id="contenu" tabIndex={-1} className="fr-container fr-py-4w">
        <Suspense fallback={<PageState loading />}>
          <Outlet />
        </Suspense>
      </main>
      <SiteFooter />
    </>
  );
}
