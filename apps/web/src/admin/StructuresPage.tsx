import { usePageTitle } from '../components/usePageTitle';

export function StructuresPage() {
  usePageTitle('Structures');
  return <h1>Structures</h1>;
}
