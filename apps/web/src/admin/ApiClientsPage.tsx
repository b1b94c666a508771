import { usePageTitle } from '../components/usePageTitle';

export function ApiClientsPage() {
  usePageTitle('Clients API');
  return <h1>Clients API</h1>;
}
