import { formatNumber } from '../components/typography';
/** A navigation item's text with how many things wait there ("Passages de relais 2"). */
export function NavCount({ text, count }: { text: string; count: number }) {
  if (count === 0) return <>{text}</>;
  return (
    <>
      {text}{' '}
      <span className="fr-badge fr-badge--sm fr-badge--new fr-badge--no-icon relais-nav-count">
        {formatNumber(count)}
        <span className="fr-sr-only"> à traiter</span>
      </span>
    </>
  );
}
