import { usePageTitle } from '../components/usePageTitle';

export function SearchPage() {
  usePageTitle('Rechercher une personne');
  return <h1>Rechercher une personne</h1>;
}
