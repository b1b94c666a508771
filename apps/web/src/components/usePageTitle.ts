import { useEffect } from 'react';

/** Each screen names itself in the browser's title, as the design system asks. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Relais`;
  }, [title]);
}
