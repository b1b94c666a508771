import { usePageTitle } from '../components/usePageTitle';

export function HandoversPage() {
  usePageTitle('Passages de relais');
  return <h1>Passages de relais</h1>;
}
