import { Navigate } from 'react-router';
import { useMe } from './me';

/** Caseworkers land on their caseload, admins on their structures. */
export function HomeRedirect() {
  const { isCaseworker } = useMe();
  return <Navigate to={isCaseworker ? '/accompagnements' : '/admin/structures'} replace />;
}
