import { useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { useMe } from '../app/me';
import { LoadMoreButton, withMoreEdges } from '../components/LoadMoreButton';
import { EmptyState, PageState } from '../components/PageState';
import { countOf } from '../components/typography';
import { usePageTitle } from '../components/usePageTitle';
import { CaseloadCards } from './caseload/CaseloadCards';
import { CaseloadFilters, type FilterForm, NO_FILTER, toFilter } from './caseload/CaseloadFilters';
import { CaseloadTable } from './caseload/CaseloadTable';
import { CaseloadExportError, downloadCaseloadCsv } from './caseload/downloadCaseloadCsv';
import {
  CASELOAD,
  type CaseloadOrder,
  DEFAULT_ORDER,
  keysOfSort,
  orderLabel,
  SORT_FIELDS,
  type SortField,
} from './caseload/query';
import { useNarrowScreen } from './caseload/useNarrowScreen';
import './caseload/caseload.css';
import { CreatePersonForm } from './CreatePersonForm';

const PAGE_SIZE = 20;

function peopleCount(count: number): string {
  return countOf(count, 'personne', 'personnes');
}

/** The people whose team the caseworker is in: sorted, filtered, counted, exported. */
export function CaseloadPage() {
  usePageTitle('Mes accompagnements');
  const { hasRole } = useMe();
  const location = useLocation();
  const narrow = useNarrowScreen();
  const flash = (location.state as { message?: string } | null)?.message;
  const [applied, setApplied] = useState<FilterForm>(NO_FILTER);
  const [order, setOrder] = useState<CaseloadOrder>(DEFAULT_ORDER);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string>();
  const filter = toFilter(applied);
  const { data, error, loading, refetch, fetchMore } = useQuery(CASELOAD, {
    variables: { first: PAGE_SIZE, filter, orderBy: order },
  });
  const caseload = error ? undefined : data?.caseload;

  function sortBy(field: SortField) {
    setOrder((current) =>
      current.field === field
        ? { field, direction: current.direction === 'ASC' ? 'DESC' : 'ASC' }
        : { field, direction: SORT_FIELDS[field].first },
    );
  }

  async function exportCsv() {
    setExporting(true);
    setExportError(undefined);
    try {
      await downloadCaseloadCsv(filter, order);
    } catch (caught) {
      setExportError(
        caught instanceof CaseloadExportError
          ? caught.message
          : 'L’export n’a pas pu être téléchargé. Vérifiez votre connexion et réessayez.',
      );
    } finally {
      setExporting(false);
    }
  }

  const more = (after: string) =>
    fetchMore({
      variables: { after },
      updateQuery: (previous, { fetchMoreResult }) => ({
        caseload: withMoreEdges(previous.caseload, fetchMoreResult.caseload),
      }),
    });

  return (
    <>
      <div className="relais-actions fr-mb-3w" style={{ justifyContent: 'space-between' }}>
        <h1 className="fr-mb-0">Mes accompagnements</h1>
        {hasRole('PROFESSIONAL') && !creating && (
          <Button iconId="fr-icon-add-line" onClick={() => setCreating(true)}>
            Créer un dossier
          </Button>
        )}
      </div>
      {flash && (
        <Alert severity="success" small className="fr-mb-3w" description={flash} role="status" />
      )}
      {creating && <CreatePersonForm onClose={() => setCreating(false)} />}

      <CaseloadFilters applied={applied} onApply={setApplied} />

      <div className="relais-actions fr-mb-2w" style={{ justifyContent: 'space-between' }}>
        <p className="fr-mb-0" role="status" id="caseload-count">
          {caseload
            ? `${peopleCount(caseload.totalCount)}${filter ? ' correspondent aux filtres' : ''}`
            : ''}
        </p>
        <Button
          priority="secondary"
          iconId="fr-icon-download-line"
          disabled={!caseload || caseload.totalCount === 0 || exporting}
          onClick={() => void exportCsv()}
        >
          {exporting ? 'Préparation de l’export…' : 'Exporter la liste (CSV)'}
        </Button>
      </div>
      {exportError && (
        <Alert severity="error" small className="fr-mb-2w" description={exportError} role="alert" />
      )}
      {narrow && (
        <Select
          label="Trier par"
          nativeSelectProps={{
            value: `${order.field} ${order.direction}`,
            onChange: (e) => {
              const [field, direction] = e.target.value.split(' ') as [
                SortField,
                CaseloadOrder['direction'],
              ];
              setOrder({ field, direction });
            },
          }}
        >
          {keysOfSort().flatMap((field) =>
            (['ASC', 'DESC'] as const).map((direction) => (
              <option key={`${field} ${direction}`} value={`${field} ${direction}`}>
                {orderLabel({ field, direction })}
              </option>
            )),
          )}
        </Select>
      )}

      {error ? (
        <PageState error={error} retry={() => void refetch().catch(() => undefined)} />
      ) : !caseload ? (
        <PageState loading={loading} loadingText="Chargement de vos accompagnements…" />
      ) : caseload.edges.length === 0 ? (
        <EmptyState>
          {filter
            ? 'Aucune personne de vos accompagnements ne correspond à ces filtres.'
            : 'Vous ne suivez encore personne. Cherchez une personne pour demander à rejoindre son équipe, ou créez son dossier.'}
        </EmptyState>
      ) : (
        <>
          {narrow ? (
            <CaseloadCards entries={caseload.edges.map((edge) => edge.node)} />
          ) : (
            <CaseloadTable
              entries={caseload.edges.map((edge) => edge.node)}
              order={order}
              onSort={sortBy}
            />
          )}
          <LoadMoreButton pageInfo={caseload.pageInfo} onMore={more} loadingLabel="Chargement…" />
        </>
      )}
    </>
  );
}
