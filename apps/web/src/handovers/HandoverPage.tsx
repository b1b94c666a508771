import { usePageTitle } from '../components/usePageTitle';

export function HandoverPage() {
  usePageTitle('Passage de relais');
  return <h1>Passage de relais</h1>;
}
