import { Navigate } from 'react-router';

/** Everyone lands on the home, "À traiter" (after signing in, too). */
export function HomeRedirect() {
  return <Navigate to="/" replace />;
}
