import { usePageTitle } from '../components/usePageTitle';

export function MembershipsPage() {
  usePageTitle('Rattachements et rôles');
  return <h1>Rattachements et rôles</h1>;
}
