import { usePageTitle } from '../components/usePageTitle';

export function PersonFilePage() {
  usePageTitle('Dossier de parcours');
  return <h1>Dossier de parcours</h1>;
}
