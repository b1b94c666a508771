import { usePageTitle } from '../components/usePageTitle';

export function AdminAuditPage() {
  usePageTitle('Journal d’administration');
  return <h1>Journal d’administration</h1>;
}
