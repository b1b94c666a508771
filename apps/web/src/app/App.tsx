import { ApolloProvider } from '@apollo/client/react';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { createApolloClient } from '../api/apollo';
import { IdleGuard } from '../auth/IdleGuard';
import { DraftRestorer } from '../auth/drafts';
import { PageState } from '../components/PageState';
import {
  isSignedIn,
  onSessionChange,
  restoreSession,
  type SessionEndReason,
} from '../auth/session';
import { RETURN_TO_KEY, SignInPage } from '../auth/SignInPage';
import { legalRoutes } from '../legal/legal-routes';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { HomeRedirect } from './HomeRedirect';
import { Layout } from './Layout';
import { MeProvider } from './me';
import { NotFoundPage } from './NotFoundPage';
import { PublicLayout } from './SiteChrome';
import { DevEmailsPage, SIGNED_IN_PAGES } from './pages';

/**
 * Signed in: the product; signed out: the sign-in page, which brings you back where you were.
 * A new tab first looks for the browser's session (another tab's, or the cookie's).
 */
export function App() {
  const [signedIn, setSignedIn] = useState(isSignedIn);
  const [restoring, setRestoring] = useState(() => !isSignedIn());
  const [endReason, setEndReason] = useState<SessionEndReason>();
  const navigate = useNavigate();
  const location = useLocation();
  // A new client per session: nothing one account read stays in memory for the next.
  const client = useMemo(() => (signedIn ? createApolloClient() : undefined), [signedIn]);

  useEffect(() => {
    if (!restoring) return;
    void restoreSession().then((restored) => {
      setSignedIn(restored);
      setRestoring(false);
      // Back from ProConnect: to the page that asked for the sign-in.
      const returnTo = sessionStorage.getItem(RETURN_TO_KEY);
      sessionStorage.removeItem(RETURN_TO_KEY);
      if (restored && returnTo?.startsWith('/')) void navigate(returnTo, { replace: true });
    });
  }, [restoring, navigate]);

  useEffect(
    () =>
      onSessionChange((now, reason) => {
        setSignedIn(now);
        setEndReason(reason);
        if (!now && reason !== 'signed-out') {
          // Back here after signing in again.
          const from = `${location.pathname}${location.search}`;
          void navigate('/connexion', { state: { from } });
        }
        if (!now && reason === 'signed-out') void navigate('/connexion');
      }),
    [navigate, location.pathname, location.search],
  );
  useEffect(() => () => client?.stop(), [client]);

  if (restoring) {
    return (
      <main id="contenu" className="fr-container fr-py-6w">
        <p role="status">Chargement…</p>
      </main>
    );
  }
  if (!signedIn || !client) {
    return (
      <Suspense fallback={<PageState loading />}>
        <Routes>
          <Route path="/dev/courriels" element={<DevEmailsPage standalone />} />
          <Route element={<PublicLayout />}>
            {legalRoutes}
            <Route path="*" element={<SignInPage endReason={endReason} />} />
          </Route>
        </Routes>
      </Suspense>
    );
  }
  return (
    <ApolloProvider client={client}>
      <MeProvider>
        <RealtimeProvider>
          <Layout>
            <IdleGuard />
            <DraftRestorer />
            <Routes>
              {/* The pages, each with its path (pages.ts, which the Plan du site lists too). */}
              {SIGNED_IN_PAGES.map(({ path, Page }) => (
                <Route key={path} path={path} element={<Page />} />
              ))}
              <Route path="/connexion" element={<HomeRedirect />} />
              <Route path="/admin" element={<Navigate to="/admin/structures" replace />} />
              {legalRoutes}
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Layout>
        </RealtimeProvider>
      </MeProvider>
    </ApolloProvider>
  );
}
