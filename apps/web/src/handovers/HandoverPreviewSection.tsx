import { useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { ReactNode } from 'react';
import { graphql, type ResultOf } from '../api/graphql';
import { useMe } from '../app/me';
import { PageState } from '../components/PageState';
import {
  ACTION_STATUS_LABELS,
  CONTRACT_SOUGHT_LABELS,
  CONTRACT_TYPE_LABELS,
  GOAL_STATUS_LABELS,
  OBSTACLE_STATUS_LABELS,
  OBSTACLE_THEME_LABELS,
} from '../person/labels';
import { formatDate, type HandoverFields } from './handover-format';

/** Each read is written to the person's access log: asked only when the section is shown. */
const PREVIEW = graphql(`
  query HandoverPreview($id: ID!) {
    handover(id: $id) {
      id
      preview {
        project {
          targetJob
          romeCode
          mobilityRadiusKm
          contractsSought
        }
        plan {
          goals {
            title
            status
          }
          actions {
            title
            status
            dueOn
          }
        }
        contracts {
          type
          startsOn
          endsOn
        }
        obstacles {
          theme
          status
          comment
        }
      }
    }
  }
`);

export const PREVIEW_PART_LABELS = {
  PROJECT: 'Projet professionnel',
  PLAN: 'Plan d’action',
  CONTRACT: 'Contrat',
  OBSTACLES: 'Freins (hors thèmes sensibles)',
} as const;

/** The proposer's summary, in the order they wrote it. */
export function HandoverSummaryView({ handover }: { handover: HandoverFields }) {
  const { situation, done, expected } = handover.summary;
  if (!situation && !done && !expected) return null;
  const item = (term: string, text: string | null) =>
    text && (
      <>
        <dt className="fr-text--bold fr-mb-0">{term}</dt>
        <dd className="fr-mb-2w" style={{ marginLeft: 0, whiteSpace: 'pre-wrap' }}>
          {text}
        </dd>
      </>
    );
  return (
    <section aria-labelledby="synthese" className="fr-mb-3w">
      <h2 id="synthese" className="fr-h4">
        Synthèse du passage
      </h2>
      <dl style={{ paddingLeft: 0 }}>
        {item('Situation de la personne', situation)}
        {item('Ce qui a été fait', done)}
        {item('Ce qui est attendu', expected)}
      </dl>
    </section>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="fr-col-12 fr-col-md-6">
      <h3 className="fr-h6 fr-mb-1w">{title}</h3>
      {children}
    </div>
  );
}

const empty = <p className="fr-text--sm">Rien n’est renseigné.</p>;

/**
 * The parts of the file the proposer chose, for the receiving structure while the handover is
 * proposed. Others see which parts were chosen, not their content.
 */
export function HandoverPreviewSection({ handover }: { handover: HandoverFields }) {
  const { me } = useMe();
  const receiving = me.memberships.some(
    (m) =>
      m.structure?.id === handover.toStructure.id &&
      (m.role === 'PROFESSIONAL' || m.role === 'STRUCTURE_ADMIN'),
  );
  const shown = receiving && handover.status === 'PROPOSED' && handover.previewParts.length > 0;
  const { data, error, loading, refetch } = useQuery(PREVIEW, {
    variables: { id: handover.id },
    skip: !shown,
    fetchPolicy: 'network-only',
  });
  if (handover.previewParts.length === 0) return null;
  const chosen = handover.previewParts.map((part) => PREVIEW_PART_LABELS[part]).join(', ');
  return (
    <section aria-labelledby="apercu" className="fr-mb-3w">
      <h2 id="apercu" className="fr-h4">
        Aperçu du dossier
      </h2>
      <p className="fr-text--sm">
        Parties ouvertes par la personne qui propose le passage : {chosen}.
        {shown && ' Votre consultation est inscrite au journal des accès de la personne.'}
      </p>
      {!shown ? (
        <p className="fr-text--sm">
          {handover.status === 'PROPOSED'
            ? 'L’aperçu est réservé à la structure d’accueil.'
            : 'L’aperçu n’est plus consultable : le passage a reçu une réponse.'}
        </p>
      ) : !data?.handover.preview ? (
        <div aria-live="polite">
          {error ? (
            <Alert
              severity="error"
              small
              description="L’aperçu n’a pas pu être chargé : le reste du passage reste consultable."
            />
          ) : (
            <PageState
              loading={loading}
              error={error}
              retry={() => void refetch()}
              loadingText="Chargement de l’aperçu…"
            />
          )}
        </div>
      ) : (
        <PreviewParts preview={data.handover.preview} />
      )}
    </section>
  );
}

type PreviewData = NonNullable<ResultOf<typeof PREVIEW>['handover']['preview']>;

function PreviewParts({ preview }: { preview: PreviewData }) {
  return (
    <div className="fr-grid-row fr-grid-row--gutters">
      {preview.project && (
        <Part title="Projet professionnel">
          <ul>
            <li>Métier visé : {preview.project.targetJob ?? 'non renseigné'}</li>
            {preview.project.romeCode && <li>Code ROME : {preview.project.romeCode}</li>}
            {preview.project.mobilityRadiusKm !== null && (
              <li>Mobilité : {preview.project.mobilityRadiusKm} km</li>
            )}
            {preview.project.contractsSought.length > 0 && (
              <li>
                Contrats recherchés :{' '}
                {preview.project.contractsSought.map((c) => CONTRACT_SOUGHT_LABELS[c]).join(', ')}
              </li>
            )}
          </ul>
        </Part>
      )}
      {preview.plan && (
        <Part title="Plan d’action">
          {preview.plan.goals.length + preview.plan.actions.length === 0 ? (
            empty
          ) : (
            <ul>
              {preview.plan.goals.map((goal, index) => (
                <li key={`g${index}`}>
                  Objectif : {goal.title} ({GOAL_STATUS_LABELS[goal.status]})
                </li>
              ))}
              {preview.plan.actions.map((action, index) => (
                <li key={`a${index}`}>
                  Action : {action.title} ({ACTION_STATUS_LABELS[action.status]}
                  {action.dueOn && `, échéance le ${formatDate(action.dueOn)}`})
                </li>
              ))}
            </ul>
          )}
        </Part>
      )}
      {preview.contracts && (
        <Part title="Contrats">
          {preview.contracts.length === 0 ? (
            empty
          ) : (
            <ul>
              {preview.contracts.map((contract, index) => (
                <li key={index}>
                  {CONTRACT_TYPE_LABELS[contract.type]}, du {formatDate(contract.startsOn)}
                  {contract.endsOn ? ` au ${formatDate(contract.endsOn)}` : ', sans terme'}
                </li>
              ))}
            </ul>
          )}
        </Part>
      )}
      {preview.obstacles && (
        <Part title="Freins">
          {preview.obstacles.length === 0 ? (
            empty
          ) : (
            <ul>
              {preview.obstacles.map((obstacle) => (
                <li key={obstacle.theme}>
                  {OBSTACLE_THEME_LABELS[obstacle.theme]} ({OBSTACLE_STATUS_LABELS[obstacle.status]}
                  ){obstacle.comment && ` : ${obstacle.comment}`}
                </li>
              ))}
            </ul>
          )}
        </Part>
      )}
    </div>
  );
}
