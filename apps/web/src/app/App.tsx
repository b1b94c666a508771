import { ApolloProvider } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AdminAuditPage } from '../admin/AdminAuditPage';
import { ApiClientsPage } from '../admin/ApiClientsPage';
import { MembershipsPage } from '../admin/MembershipsPage';
import { AccountsPage } from '../admin/AccountsPage';
import { StructuresPage } from '../admin/StructuresPage';
import { createApolloClient } from '../api/apollo';
import { hasSession, onSessionChange, type SessionEndReason } from '../auth/session';
import { SignInPage } from '../auth/SignInPage';
import { HandoverPage } from '../handovers/HandoverPage';
import { HandoversPage } from '../handovers/HandoversPage';
import { NotificationsPage } from '../handovers/NotificationsPage';
import { CaseloadPage } from '../person/CaseloadPage';
import { JoinRequestsPage } from '../person/JoinRequestsPage';
import { PersonFilePage } from '../person/PersonFilePage';
import { SearchPage } from '../person/SearchPage';
import { RealtimeProvider } from '../realtime/RealtimeProvider';
import { HomeRedirect } from './HomeRedirect';
import { Layout } from './Layout';
import { MeProvider } from './me';
import { NotFoundPage } from './NotFoundPage';

/** Signed in: the product; signed out: the sign-in page, which brings you back where you were. */
export function App() {
  const [signedIn, setSignedIn] = useState(hasSession);
  const [endReason, setEndReason] = useState<SessionEndReason>();
  const navigate = useNavigate();
  const location = useLocation();
  // A new client per session: nothing one account read stays in memory for the next.
  const client = useMemo(() => (signedIn ? createApolloClient() : undefined), [signedIn]);

  useEffect(
    () =>
      onSessionChange((now, reason) => {
        setSignedIn(now);
        setEndReason(reason);
        if (!now && reason !== 'signed-out') {
          void navigate('/connexion', { state: { from: location.pathname } });
        }
      }),
    [navigate, location.pathname],
  );
  useEffect(() => () => client?.stop(), [client]);

  if (!signedIn || !client) {
    return (
      <Routes>
        <Route path="*" element={<SignInPage endReason={endReason} />} />
      </Routes>
    );
  }
  return (
    <ApolloProvider client={client}>
      <MeProvider>
        <RealtimeProvider>
          <Layout>
            <Routes>
              <Route path="/" element={<HomeRedirect />} />
              <Route path="/connexion" element={<HomeRedirect />} />
              <Route path="/accompagnements" element={<CaseloadPage />} />
              <Route path="/recherche" element={<SearchPage />} />
              <Route path="/demandes" element={<JoinRequestsPage />} />
              <Route path="/personnes/:personId/*" element={<PersonFilePage />} />
              <Route path="/passages" element={<HandoversPage />} />
              <Route path="/passages/:handoverId" element={<HandoverPage />} />
              <Route path="/notifications" element={<NotificationsPage />} />
              <Route path="/admin" element={<Navigate to="/admin/structures" replace />} />
              <Route path="/admin/structures" element={<StructuresPage />} />
              <Route path="/admin/comptes" element={<AccountsPage />} />
              <Route path="/admin/rattachements" element={<MembershipsPage />} />
              <Route path="/admin/clients-api" element={<ApiClientsPage />} />
              <Route path="/admin/journal" element={<AdminAuditPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Layout>
        </RealtimeProvider>
      </MeProvider>
    </ApolloProvider>
  );
}
