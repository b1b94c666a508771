import { Header } from '@codegouvfr/react-dsfr/Header';
import { type ReactNode, Suspense } from 'react';
import { signOut } from '../auth/session';
import { PageState } from '../components/PageState';
import { HEADER_BRAND, SiteFooter, SiteSkipLinks } from '../app/SiteChrome';
import { useLiveSession } from './useLiveSession';

/**
 * The followed person's pages (issue 22): the State's header with « Mon espace » and a way to
 * sign out, none of the professionals' navigation.
 */
export function SpaceLayout({ children }: { children: ReactNode }) {
  useLiveSession();
  return (
    <>
      <SiteSkipLinks withMenu={false} />
      <Header
        {...HEADER_BRAND}
        homeLinkProps={{ to: '/mon-espace', title: 'Accueil — Mon espace' }}
        serviceTitle="Mon espace"
        serviceTagline="Relais : votre parcours et vos droits"
        quickAccessItems={[
          {
            iconId: 'fr-icon-logout-box-r-line',
            text: 'Se déconnecter',
            buttonProps: { onClick: () => void signOut() },
          },
        ]}
      />
      <main id="contenu" tabIndex={-1} className="fr-container fr-py-4w">
        <Suspense fallback={<PageState loading />}>{children}</Suspense>
      </main>
      <SiteFooter />
    </>
  );
}
