import { usePageTitle } from '../components/usePageTitle';

export function AccountsPage() {
  usePageTitle('Comptes et invitations');
  return <h1>Comptes et invitations</h1>;
}
