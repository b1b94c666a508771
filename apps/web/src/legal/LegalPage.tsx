import type { ReactNode } from 'react';
import { usePageTitle } from '../components/usePageTitle';

/** A page of the footer: its title in the tab and as its heading, its text at a readable width. */
export function LegalPage({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="fr-col-12 fr-col-lg-9">
      <h1>{title}</h1>
      {children}
    </div>
  );
}
