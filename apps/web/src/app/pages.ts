import { type ComponentType, lazy } from 'react';
import { ADMIN_ROLES, CASEWORKER_ROLES, type Role } from './me';

const RELOADED_KEY = 'relais-reloaded-for-new-version';

/**
 * A page's code; when it cannot be fetched, the tab reloads once: a new version deployed since
 * the tab opened has replaced the files it knew (their names change with their content).
 */
async function fetched<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
): Promise<ComponentType<Props>> {
  try {
    const component = await load();
    sessionStorage.removeItem(RELOADED_KEY);
    return component;
  } catch (error) {
    if (sessionStorage.getItem(RELOADED_KEY)) throw error;
    sessionStorage.setItem(RELOADED_KEY, 'yes');
    window.location.reload();
    return new Promise<never>(() => undefined);
  }
}

/**
 * The route pages, each loaded when first shown (App.tsx renders them under a Suspense): the
 * first load carries the shell (header, session, realtime) and the page asked for, never the
 * screens of another role (the admin screens have chunks of their own).
 */
function page<Props extends object>(load: () => Promise<ComponentType<Props>>, openedAt?: RegExp) {
  // The page the browser opens on starts loading with the shell, while the session is restored,
  // rather than after it (asked again when shown, had that failed).
  const early = openedAt?.test(window.location.pathname)
    ? load().catch(() => undefined)
    : undefined;
  return lazy(async () => ({ default: (await early) ?? (await fetched(load)) }));
}

export const HomePage = page(async () => (await import('../home/HomePage')).HomePage, /^\/$/);
export const CaseloadPage = page(
  async () => (await import('../person/CaseloadPage')).CaseloadPage,
  /^\/accompagnements\/?$/,
);
export const FormerCaseloadPage = page(
  async () => (await import('../person/FormerCaseloadPage')).FormerCaseloadPage,
);
export const SearchPage = page(async () => (await import('../person/SearchPage')).SearchPage);
export const JoinRequestsPage = page(
  async () => (await import('../person/JoinRequestsPage')).JoinRequestsPage,
);
export const PersonFilePage = page(
  async () => (await import('../person/PersonFilePage')).PersonFilePage,
  /^\/personnes\//,
);
export const HandoversPage = page(
  async () => (await import('../handovers/HandoversPage')).HandoversPage,
);
export const HandoverPage = page(
  async () => (await import('../handovers/HandoverPage')).HandoverPage,
);
export const NotificationsPage = page(
  async () => (await import('../handovers/NotificationsPage')).NotificationsPage,
);
export const AccountPage = page(async () => (await import('../account/AccountPage')).AccountPage);
export const DevEmailsPage = page(async () => (await import('../dev/DevEmailsPage')).DevEmailsPage);

export const StructuresPage = page(
  async () => (await import('../admin/StructuresPage')).StructuresPage,
);
export const AccountsPage = page(async () => (await import('../admin/AccountsPage')).AccountsPage);
export const MembershipsPage = page(
  async () => (await import('../admin/MembershipsPage')).MembershipsPage,
);
export const ApiClientsPage = page(
  async () => (await import('../admin/ApiClientsPage')).ApiClientsPage,
);
export const AdminAuditPage = page(
  async () => (await import('../admin/AdminAuditPage')).AdminAuditPage,
);
export const AccessLogByPersonPage = page(
  async () => (await import('../admin/AccessLogByPersonPage')).AccessLogByPersonPage,
);
export const EmailDeliveriesPage = page(
  async () => (await import('../admin/EmailDeliveriesPage')).EmailDeliveriesPage,
);

// The followed person's pages (issue 22): their sign-in, signed out; their space, signed in as
// the person. Never among an account's pages, nor in the professionals' sections of the plan.
export const SpaceLinkPage = page(
  async () => (await import('../space/SpaceLinkPage')).SpaceLinkPage,
  /^\/mon-espace\/lien/,
);
export const SpaceSignInPage = page(
  async () => (await import('../space/SpaceSignInPage')).SpaceSignInPage,
  /^\/mon-espace\/connexion/,
);
export const SpacePage = page(
  async () => (await import('../space/SpacePage')).SpacePage,
  /^\/mon-espace\/?$/,
);

/** Where a person's space starts, signed out and signed in. */
export const SPACE_PATHS = {
  link: '/mon-espace/lien',
  signIn: '/mon-espace/connexion',
  space: '/mon-espace',
} as const;

/** The person's pages signed out (public: the invitation's link, the code by email). */
export const SPACE_SIGNED_OUT_PAGES: readonly { path: string; Page: ComponentType }[] = [
  { path: SPACE_PATHS.link, Page: SpaceLinkPage },
  { path: SPACE_PATHS.signIn, Page: SpaceSignInPage },
];

/** The Plan du site's sections of the product's pages, in its order (SitemapPage). */
export const SITEMAP_SECTIONS = ['Accompagner', 'Administrer'] as const;
export type SitemapSection = (typeof SITEMAP_SECTIONS)[number];

export interface RoutedPage {
  readonly path: string;
  readonly Page: ComponentType;
  /** The roles that may open it; every signed-in account when none are said. */
  readonly roles?: readonly Role[];
  /** Its line in the Plan du site, or null for a page opened from another (a file, a handover). */
  readonly sitemap: { readonly section: SitemapSection; readonly text: string } | null;
}

const caseworkers = (text: string) => ({
  roles: CASEWORKER_ROLES,
  sitemap: { section: 'Accompagner', text } as const,
});
const admins = (text: string, roles: readonly Role[] = ADMIN_ROLES) => ({
  roles,
  sitemap: { section: 'Administrer', text } as const,
});
const everyone = (text: string) => ({ sitemap: { section: 'Accompagner', text } as const });

/**
 * The signed-in routes (App.tsx), in the Plan du site's order: a new page is declared here, with
 * who may open it and its line in the plan (the legal pages have theirs in legal-routes.tsx).
 */
export const SIGNED_IN_PAGES: readonly RoutedPage[] = [
  { path: '/', Page: HomePage, ...everyone('À traiter') },
  { path: '/accompagnements', Page: CaseloadPage, ...caseworkers('Mes accompagnements') },
  { path: '/recherche', Page: SearchPage, ...caseworkers('Rechercher une personne') },
  { path: '/passages', Page: HandoversPage, ...caseworkers('Passages de relais') },
  { path: '/demandes', Page: JoinRequestsPage, ...caseworkers('Demandes') },
  {
    path: '/anciens-accompagnements',
    Page: FormerCaseloadPage,
    ...caseworkers('Anciens accompagnements'),
  },
  { path: '/notifications', Page: NotificationsPage, ...everyone('Notifications') },
  { path: '/mon-compte', Page: AccountPage, ...everyone('Mon compte') },
  { path: '/personnes/:personId/*', Page: PersonFilePage, sitemap: null },
  { path: '/passages/:handoverId', Page: HandoverPage, sitemap: null },
  { path: '/admin/structures', Page: StructuresPage, ...admins('Structures') },
  { path: '/admin/comptes', Page: AccountsPage, ...admins('Comptes et invitations') },
  { path: '/admin/rattachements', Page: MembershipsPage, ...admins('Rattachements et rôles') },
  {
    path: '/admin/clients-api',
    Page: ApiClientsPage,
    ...admins('Clients API', ['TERRITORY_ADMIN', 'PLATFORM_ADMIN']),
  },
  { path: '/admin/journal', Page: AdminAuditPage, ...admins('Journal d’administration') },
  {
    path: '/admin/journal-acces',
    Page: AccessLogByPersonPage,
    ...admins('Journal des accès par personne', ['TERRITORY_ADMIN']),
  },
  { path: '/admin/courriels', Page: EmailDeliveriesPage, ...admins('Journal des courriels') },
  { path: '/dev/courriels', Page: DevEmailsPage, sitemap: null },
];

/** The links to a section's pages that `mayOpen` (given the roles a page asks for) lets one open. */
export function sectionLinks(
  section: SitemapSection,
  mayOpen: (roles: readonly Role[]) => boolean,
): { to: string; text: string }[] {
  return SIGNED_IN_PAGES.flatMap(({ path, roles, sitemap }) =>
    sitemap?.section === section && (!roles || mayOpen(roles))
      ? [{ to: path, text: sitemap.text }]
      : [],
  );
}
