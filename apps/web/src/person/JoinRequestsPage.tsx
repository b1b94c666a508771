import { usePageTitle } from '../components/usePageTitle';

export function JoinRequestsPage() {
  usePageTitle('Demandes à traiter');
  return <h1>Demandes à traiter</h1>;
}
