import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { type ReactNode, Suspense } from 'react';
import { Link, useLocation } from 'react-router';
import { signOut } from '../auth/session';
import { PageState } from '../components/PageState';
import { NavCount } from '../home/NavCount';
import { useMyWork } from '../home/work-queue';
import { useRealtime } from '../realtime/RealtimeProvider';
import { useMe } from './me';

/** The bell: the unread count, live, and a link to the list. */
export function NotificationBell() {
  const { unreadCount } = useRealtime();
  const label =
    unreadCount === 0
      ? 'Notifications, aucune non lue'
      : `Notifications, ${unreadCount} non lue${unreadCount > 1 ? 's' : ''}`;
  return (
    <Link
      to="/notifications"
      className="fr-btn fr-icon-notification-3-line fr-btn--icon-left relais-bell"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
    >
      Notifications
      <Badge
        severity={unreadCount > 0 ? 'new' : undefined}
        small
        noIcon
        className="relais-bell__count"
        data-testid="unread-count"
        aria-hidden="true"
      >
        {unreadCount}
      </Badge>
    </Link>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { me, isCaseworker, isAdmin, hasRole } = useMe();
  const { pathname } = useLocation();
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
    const adminLinks = [
      { text: 'Structures', to: '/admin/structures' },
      { text: 'Comptes et invitations', to: '/admin/comptes' },
      { text: 'Rattachements et rôles', to: '/admin/rattachements' },
      ...(hasRole('TERRITORY_ADMIN', 'PLATFORM_ADMIN')
        ? [{ text: 'Clients API', to: '/admin/clients-api' }]
        : []),
      { text: 'Journal d’administration', to: '/admin/journal' },
      ...(hasRole('TERRITORY_ADMIN')
        ? [{ text: 'Journal des accès par personne', to: '/admin/journal-acces' }]
        : []),
      { text: 'Journal des courriels', to: '/admin/courriels' },
    ];
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
      <SkipLinks
        links={[
          { anchor: '#contenu', label: 'Contenu' },
          { anchor: '#fr-header-main-navigation', label: 'Menu' },
        ]}
      />
      <Header
        brandTop={
          <>
            République
            <br />
            Française
          </>
        }
        homeLinkProps={{ to: '/', title: 'Accueil — Relais' }}
        serviceTitle="Relais"
        serviceTagline="Le carnet de parcours partagé du service public de l’insertion et de l’emploi"
        navigation={navigation}
        quickAccessItems={[
          <NotificationBell key="bell" />,
          <span
            key="me"
            className="fr-btn fr-btn--tertiary-no-outline fr-icon-account-circle-line fr-btn--icon-left"
            title={me.email}
          >
            {me.givenName} {me.familyName}
          </span>,
          {
            iconId: 'fr-icon-settings-5-line',
            text: 'Mon compte',
            linkProps: { to: '/mon-compte' },
          },
          {
            iconId: 'fr-icon-logout-box-r-line',
            text: 'Se déconnecter',
            buttonProps: { onClick: () => void signOut() },
          },
        ]}
      />
      <main id="contenu" tabIndex={-1} className="fr-container fr-py-4w">
        {/* Each page loads when first shown (pages.ts): meanwhile the header and footer stay. */}
        <Suspense fallback={<PageState loading />}>{children}</Suspense>
      </main>
      <Footer
        accessibility="partially compliant"
        contentDescription="Relais partage le parcours des personnes accompagnées entre les structures du service public de l’insertion et de l’emploi, dans le respect du secret professionnel partagé (CASF L.121-6-2)."
        bottomItems={[]}
      />
    </>
  );
}
