import { formatNumber } from '../../components/typography';
import { formatDate } from '../labels';
import { type CaseloadEntry, contractFlag } from './query';

/** The contract's end, flagged when it has passed or comes within 30 days. */
export function ContractEnd({ entry }: { entry: CaseloadEntry }) {
  if (!entry.contractType) return <>—</>;
  if (!entry.contractEndsOn) return <>Sans fin</>;
  const flag = contractFlag(entry.contractEndsOn);
  return (
    <>
      {formatDate(entry.contractEndsOn)}
      {flag && (
        <p
          className={`fr-badge fr-badge--sm fr-mt-1v fr-mb-0 ${
            flag === 'ended' ? 'fr-badge--error' : 'fr-badge--warning'
          }`}
        >
          {flag === 'ended' ? 'Échu' : 'À échéance'}
        </p>
      )}
    </>
  );
}

/** How many actions are late, flagged when some are. */
export function OverdueActions({ count }: { count: number }) {
  if (count === 0) return <>0</>;
  return (
    <p className="fr-badge fr-badge--sm fr-badge--error fr-mb-0">{formatNumber(count)} en retard</p>
  );
}
