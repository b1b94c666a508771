import { type ComponentType, lazy } from 'react';

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
