import { usePageTitle } from '../components/usePageTitle';

export function CaseloadPage() {
  usePageTitle('Mes accompagnements');
  return <h1>Mes accompagnements</h1>;
}
