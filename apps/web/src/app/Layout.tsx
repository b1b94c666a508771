import { Header } from '@codegouvfr/react-dsfr/Header';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { type ReactNode, Suspense, useState } from 'react';
import { useLocation } from 'react-router';
import { signOut } from '../auth/session';
import { PageState } from '../components/PageState';
import { NavCount } from '../home/NavCount';
import { useMyWork } from '../home/work-queue';
import { useMe } from './me';
import { sectionLinks } from './pages';
import { NarrowScreenBell, NotificationBell } from './NotificationBell';
import { HEADER_BRAND, SiteFooter, SiteSkipLinks } from './SiteChrome';

export function Layout({ children }: { children: ReactNode }) {
  const { me, isCaseworker, isAdmin, hasRole } = useMe();
  const { pathname } = useLocation();
  // The header's element, once drawn: the narrow screens' bell goes into its navigation bar.
  const [header, setHeader] = useState<HTMLElement | null>(null);
  const active = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

  // What waits on the account, live: the counts beside the navigation's items.
  const work = useMyWork().data?.myWork;
  const handoversToDecide =
    (work?.incomingHandovers?.count ?? 0) + (work?.unassignedPeople?.count ?? 0);
  const requestsToDecide =
    (work?.joinRequests?.count ?? 0) + (work?.orientationRequests?.count ?? 0);

  const navigation: MainNavigationProps.Item[] = [
    { text: 'À traiter', linkProps: { to: '/' }, isActive: pathname === '/' },
  ];
  if (isCaseworker) {
    navigation.push(
      {
        text: 'Mes accompagnements',
        linkProps: { to: '/accompagnements' },
        isActive: active('/accompagnements') || active('/personnes'),
      },
      { text: 'Rechercher', linkProps: { to: '/recherche' }, isActive: active('/recherche') },
      {
        text: <NavCount text="Passages de relais" count={handoversToDecide} />,
        linkProps: { to: '/passages' },
        isActive: active('/passages'),
      },
      {
        text: <NavCount text="Demandes" count={requestsToDecide} />,
        linkProps: { to: '/demandes' },
        isActive: active('/demandes'),
      },
      {
        text: 'Anciens accompagnements',
        linkProps: { to: '/anciens-accompagnements' },
        isActive: active('/anciens-accompagnements'),
      },
    );
  }
  if (isAdmin) {
    // The admin pages one's roles open, as the Plan du site lists them (pages.ts).
    const adminLinks = sectionLinks('Administrer', (roles) => hasRole(...roles));
    navigation.push({
      text: 'Administration',
      isActive: active('/admin'),
      menuLinks: adminLinks.map((link) => ({
        text: link.text,
        linkProps: { to: link.to },
        isActive: active(link.to),
      })),
    });
  }

  return (
    <>
      <SiteSkipLinks withMenu />
      <Header
        ref={setHeader}
        {...HEADER_BRAND}
        navigation={navigation}
        quickAccessItems={[
          <NotificationBell key="bell" />,
          // The name opens Mon compte, and says so to screen readers.
          {
            iconId: 'fr-icon-account-circle-line',
            text: (
              <>
                {me.givenName} {me.familyName}
                <span className="fr-sr-only"> – Mon compte</span>
              </>
            ),
            linkProps: { to: '/mon-compte', title: me.email },
          },
          {
            iconId: 'fr-icon-logout-box-r-line',
            text: 'Se déconnecter',
            buttonProps: { onClick: () => void signOut() },
          },
        ]}
      />
      <NarrowScreenBell header={header} />
      <main id="contenu" tabIndex={-1} className="fr-container fr-py-4w">
        {/* Each page loads when first shown (pages.ts): meanwhile the header and footer stay. */}
        <Suspense fallback={<PageState loading />}>{children}</Suspense>
      </main>
      <SiteFooter />
    </>
  );
}
