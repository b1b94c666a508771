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
  type SessionKind,
  sessionKind,
} from '../auth/session';
import { RETURN_TO_KEY, SignInPage } from '../auth/SignInPage';
import { legalRoutes } from '../legal/legal-routes';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { HomeRedirect } from './HomeRedirect';
import { Layout } from './Layout';
import { MeProvider } from './me';
import { NotFoundPage } from './NotFoundPage';
import { PublicLayout } from './SiteChrome';
import {
  DevEmailsPage,
  SIGNED_IN_PAGES,
  SPACE_PATHS,
  SPACE_SIGNED_OUT_PAGES,
  SpacePage,
} from './pages';
import { SpaceLayout } from '../space/SpaceLayout';
import { AccountOnSpacePage } from '../space/AccountOnSpacePage';

/**
 * Signed in: the product; signed out: the sign-in page, which brings you back where you were.
 * A new tab first looks for the browser's session (another tab's, or the cookie's).
 */
export function App() {
  const [signedIn, setSignedIn] = useState(isSignedIn);
  // An account's session or a followed person's (their space only): read from the token.
  const [kind, setKind] = useState<SessionKind | undefined>(sessionKind);
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
      setKind(sessionKind());
      setRestoring(false);
      // Back from ProConnect: to the page that asked for the sign-in.
      const returnTo = sessionStorage.getItem(RETURN_TO_KEY);
      sessionStorage.removeItem(RETURN_TO_KEY);
      if (restored && sessionKind() === 'account' && returnTo?.startsWith('/')) {
        void navigate(returnTo, { replace: true });
      }
    });
  }, [restoring, navigate]);

  useEffect(
    () =>
      onSessionChange((now, reason) => {
        setSignedIn(now);
        setEndReason(reason);
        if (now) {
          setKind(sessionKind());
          return;
        }
        // A person signs in again on their own page, an account on the professionals' one.
        if (kind === 'person') {
          void navigate(SPACE_PATHS.signIn, { state: { endReason: reason } });
        } else if (reason !== 'signed-out') {
          // Back here after signing in again.
          const from = `${location.pathname}${location.search}`;
          void navigate('/connexion', { state: { from } });
        } else void navigate('/connexion');
      }),
    [navigate, location.pathname, location.search, kind],
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
            {SPACE_SIGNED_OUT_PAGES.map(({ path, Page }) => (
              <Route key={path} path={path} element={<Page />} />
            ))}
            <Route
              path={`${SPACE_PATHS.space}/*`}
              element={<Navigate to={SPACE_PATHS.signIn} replace />}
            />
            <Route path="*" element={<SignInPage endReason={endReason} />} />
          </Route>
        </Routes>
      </Suspense>
    );
  }
  if (kind === 'person') {
    // A followed person: their space and the legal pages, nothing of the professionals'.
    return (
      <ApolloProvider client={client}>
        <SpaceLayout>
          <IdleGuard />
          <DraftRestorer />
          <Routes>
            <Route path={SPACE_PATHS.space} element={<SpacePage />} />
            {legalRoutes}
            <Route path="*" element={<Navigate to={SPACE_PATHS.space} replace />} />
          </Routes>
        </SpaceLayout>
      </ApolloProvider>
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
              <Route path={`${SPACE_PATHS.space}/*`} element={<AccountOnSpacePage />} />
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
