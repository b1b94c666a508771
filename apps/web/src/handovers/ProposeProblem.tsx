import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Link } from 'react-router';
import { codeOf, isConflict, isForbidden, reasonOf } from '../api/errors';
import { MutationError } from '../components/PageState';
import { CONTEXT_LABELS } from './ProposeContextFields';

/** The proposal's fields, as errors name them. */
export const PROPOSE_LABELS = {
  toStructureId: 'Structure d’accueil',
  toAccountId: 'Professionnel destinataire',
  reason: 'Motif du passage',
  personInformed: 'La personne a été informée de ce passage',
  ...CONTEXT_LABELS,
};

/** A refused proposal, in French: an open handover or a closed file said as such. */
export function ProposeProblem({ error }: { error: unknown }) {
  if (!error) return null;
  const reason = reasonOf(error);
  if (isConflict(error)) {
    return (
      <Alert
        severity="warning"
        small
        className="fr-mb-2w"
        description={
          reason === 'FILE_ARCHIVED' ? (
            'Le dossier de cette personne est archivé (lecture seule) : elle ne peut pas changer de structure.'
          ) : (
            <>
              Un passage de relais est déjà en cours pour cette personne : il faut qu’il reçoive une
              réponse ou qu’il soit annulé avant d’en proposer un autre.{' '}
              <Link to="/passages?sens=envoyes&statut=PROPOSED">Voir les passages envoyés</Link>
            </>
          )
        }
      />
    );
  }
  if (isForbidden(error) && codeOf(error) === 'FORBIDDEN') {
    return (
      <Alert
        severity="error"
        small
        className="fr-mb-2w"
        description={
          reason === 'PROCESSING_RESTRICTED'
            ? 'La personne a demandé la limitation du traitement de son dossier (RGPD) : aucun passage de relais n’est possible tant qu’elle dure.'
            : 'Seuls le référent de la personne et les chargés d’orientation du territoire peuvent proposer un passage de relais.'
        }
      />
    );
  }
  return <MutationError error={error} labels={PROPOSE_LABELS} />;
}
