import { useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { codeOf, describeError, isConflict, isForbidden, reasonOf } from '../api/errors';
import { graphql } from '../api/graphql';
import { useMe } from '../app/me';
import { PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';
import { AcceptHandoverForm } from './AcceptHandoverForm';
import { CancelForm, DeclineForm } from './HandoverAnswerForms';
import { HandoverPreviewSection, HandoverSummaryView } from './HandoverPreviewSection';
import {
  formatDate,
  formatDateTime,
  HANDOVER_FIELDS,
  type HandoverFields,
  HandoverStatusBadge,
  personName,
} from './handover-format';
import { ofName } from '../components/typography';

// The RealtimeProvider refetches the query named `Handover` when a notification arrives: another
// party's answer shows here without a reload.
const HANDOVER_QUERY = graphql(
  `
    query Handover($id: ID!) {
      handover(id: $id) {
        ...HandoverFields
      }
    }
  `,
  [HANDOVER_FIELDS],
);

const LABELS = {
  newReferentAccountId: 'Nouveau référent',
  reason: 'Motif du refus',
  personAgreed: 'La personne a donné son accord pour ce nouveau référent',
  formerReferentStaysAsFollower: 'L’ancien référent reste dans l’équipe',
};

type Form = 'accept' | 'decline' | 'cancel' | undefined;
type Outcome = {
  readonly severity: 'success' | 'warning' | 'error';
  readonly text: NonNullable<ReactNode>;
};

/** `/passages/:handoverId`: one handover, and the answers the caller may give while it is open. */
export function HandoverPage() {
  usePageTitle('Passage de relais');
  const { handoverId = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(HANDOVER_QUERY, {
    variables: { id: handoverId },
  });
  const [outcome, setOutcome] = useState<Outcome>();

  const breadcrumb = (
    <Breadcrumb
      currentPageLabel="Passage de relais"
      segments={[{ label: 'Passages de relais', linkProps: { to: '/passages' } }]}
    />
  );

  // An error replaces what was shown: access may have been withdrawn.
  if (error || !data) {
    return (
      <>
        {breadcrumb}
        <h1>Passage de relais</h1>
        {codeOf(error) === 'BAD_USER_INPUT' ? (
          // A mistyped address: not an id at all.
          <Alert
            severity="error"
            as="h2"
            title="Passage introuvable"
            description="Cette adresse ne correspond à aucun passage de relais."
          />
        ) : (
          <PageState loading={loading} error={error} retry={() => void refetch()} />
        )}
      </>
    );
  }
  const handover = data.handover;

  return (
    <>
      {breadcrumb}
      <h1>Passage de relais</h1>
      <p className="fr-text--lead fr-mb-2w">
        {personName(handover.person)} : {handover.fromStructure?.name ?? 'sans structure référente'}
        <span aria-hidden="true"> → </span>
        <span className="fr-sr-only"> vers </span>
        {handover.toStructure.name}
      </p>
      <p className="fr-mb-3w">
        Statut : <HandoverStatusBadge status={handover.status} />
      </p>
      <div aria-live="polite">
        {outcome && (
          <Alert
            severity={outcome.severity}
            small
            className="fr-mb-3w"
            description={outcome.text}
            closable
            onClose={() => setOutcome(undefined)}
          />
        )}
      </div>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-3w">
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="proposition">
          <h2 id="proposition" className="fr-h4">
            La proposition
          </h2>
          <Proposal handover={handover} />
        </section>
        <section className="fr-col-12 fr-col-md-6" aria-labelledby="reponse">
          <h2 id="reponse" className="fr-h4">
            La réponse
          </h2>
          <Answer handover={handover} />
        </section>
      </div>
      <HandoverSummaryView handover={handover} />
      <HandoverPreviewSection handover={handover} />
      {handover.status === 'PROPOSED' && (
        <Actions
          handover={handover}
          onOutcome={setOutcome}
          reload={() => void refetch().catch(() => undefined)}
        />
      )}
    </>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="fr-text--bold fr-mb-0">{term}</dt>
      <dd className="fr-mb-2w" style={{ marginLeft: 0 }}>
        {children}
      </dd>
    </>
  );
}

/** The person's name, a link to the file when it opens for the caller. */
function PersonDetail({ handover }: { handover: HandoverFields }) {
  const { hasRole } = useMe();
  const name = personName(handover.person);
  // Orientation managers open any file of their territory (the read is logged).
  const openable = handover.person.isMember || hasRole('ORIENTATION_MANAGER');
  return (
    <>
      {openable ? <Link to={`/personnes/${handover.person.id}`}>{name}</Link> : name} (année de
      naissance : {handover.person.birthYear})
      {!openable && (
        <span className="fr-hint-text">
          Vous ne faites pas partie de son équipe de suivi : son dossier ne vous est pas ouvert.
        </span>
      )}
    </>
  );
}

function Proposal({ handover }: { handover: HandoverFields }) {
  return (
    <dl style={{ paddingLeft: 0 }}>
      <Detail term="Personne accompagnée">
        <PersonDetail handover={handover} />
      </Detail>
      <Detail term="Structure d’origine">
        {handover.fromStructure?.name ?? 'Aucune : la personne n’avait pas de référent'}
      </Detail>
      {handover.fromReferent && (
        <Detail term="Référent au moment de la proposition">{handover.fromReferent.name}</Detail>
      )}
      <Detail term="Structure d’accueil">{handover.toStructure.name}</Detail>
      <Detail term="Professionnel destinataire">
        {handover.toAccount?.name ?? 'Aucun professionnel désigné'}
      </Detail>
      <Detail term="Motif du passage">
        <span style={{ whiteSpace: 'pre-wrap' }}>{handover.reason}</span>
      </Detail>
      <Detail term="La personne a été informée de ce passage">
        {handover.personInformed ? 'Oui' : 'Non'}
      </Detail>
      <Detail term="Auteur de la proposition">
        {handover.proposedBy.name}, le {formatDateTime(handover.createdAt)}
      </Detail>
      {handover.orientationRequestId && (
        <Detail term="Origine">Issu d’une demande d’orientation</Detail>
      )}
    </dl>
  );
}

function Answer({ handover }: { handover: HandoverFields }) {
  if (handover.status === 'PROPOSED') {
    return (
      <p>
        En attente de la réponse de la structure d’accueil. Sans réponse, le passage expirera le{' '}
        {formatDate(handover.expiresAt)}.
      </p>
    );
  }
  return (
    <dl style={{ paddingLeft: 0 }}>
      {handover.status === 'EXPIRED' ? (
        <Detail term="Date d’expiration">
          {formatDate(handover.decidedAt ?? handover.expiresAt)}, faute de réponse
        </Detail>
      ) : (
        handover.decidedAt && (
          <Detail term="Date de la réponse">{formatDateTime(handover.decidedAt)}</Detail>
        )
      )}
      {handover.decidedBy && (
        <Detail term={handover.status === 'CANCELLED' ? 'Auteur de l’annulation' : 'Réponse de'}>
          {handover.decidedBy.name}
        </Detail>
      )}
      {handover.declineReason && (
        <Detail term="Motif du refus">
          <span style={{ whiteSpace: 'pre-wrap' }}>{handover.declineReason}</span>
        </Detail>
      )}
      {handover.newReferent && <Detail term="Nouveau référent">{handover.newReferent.name}</Detail>}
    </dl>
  );
}

/** The answers, shown to the parties the API would plausibly accept them from. */
function Actions({
  handover,
  onOutcome,
  reload,
}: {
  handover: HandoverFields;
  onOutcome: (outcome: Outcome | undefined) => void;
  reload: () => void;
}) {
  const { me, hasRole } = useMe();
  const [form, setForm] = useState<Form>();
  const targetId = handover.toStructure.id;
  const isTargetAdmin = me.memberships.some(
    (m) => m.role === 'STRUCTURE_ADMIN' && m.structure?.id === targetId,
  );
  const canAnswer =
    isTargetAdmin || handover.toAccount?.id === me.id || hasRole('ORIENTATION_MANAGER');
  const canCancel = me.id === handover.proposedBy.id || me.id === handover.fromReferent?.id;

  /** An answer that failed: said in French; a lost race shows the winner's answer. */
  const failed = (error: unknown, action: 'answer' | 'cancel') => {
    onOutcome({
      severity: isConflict(error) ? 'warning' : 'error',
      text: problemText(error, action),
    });
    if (isConflict(error)) {
      setForm(undefined);
      reload();
    }
  };
  const succeeded = (text: NonNullable<ReactNode>) => {
    setForm(undefined);
    onOutcome({ severity: 'success', text });
  };

  if (!canAnswer && !canCancel) {
    return (
      <p className="fr-text--sm">
        Seuls un administrateur de la structure d’accueil, le professionnel désigné ou un chargé
        d’orientation du territoire peuvent répondre à ce passage ; la personne qui l’a proposé ou
        le référent actuel peuvent l’annuler.
      </p>
    );
  }

  return (
    <section aria-labelledby="actions">
      <h2 id="actions" className="fr-h4">
        {canAnswer ? 'Répondre au passage' : 'Suite à donner'}
      </h2>
      <div className="relais-actions fr-mb-3w">
        {canAnswer && (
          <>
            <Button
              onClick={() => {
                onOutcome(undefined);
                setForm(form === 'accept' ? undefined : 'accept');
              }}
              nativeButtonProps={{ 'aria-expanded': form === 'accept' }}
            >
              Accepter
            </Button>
            <Button
              priority="secondary"
              onClick={() => {
                onOutcome(undefined);
                setForm(form === 'decline' ? undefined : 'decline');
              }}
              nativeButtonProps={{ 'aria-expanded': form === 'decline' }}
            >
              Refuser
            </Button>
          </>
        )}
        {canCancel && (
          <Button
            priority="tertiary"
            onClick={() => {
              onOutcome(undefined);
              setForm(form === 'cancel' ? undefined : 'cancel');
            }}
            nativeButtonProps={{ 'aria-expanded': form === 'cancel' }}
          >
            Annuler le passage
          </Button>
        )}
      </div>
      {form === 'accept' && (
        <AcceptHandoverForm
          handover={handover}
          onClose={() => setForm(undefined)}
          onFailed={(error) => failed(error, 'answer')}
          onDone={(accepted) =>
            succeeded(
              <>
                Acceptation enregistrée : {accepted.newReferent?.name ?? 'le nouveau référent'}{' '}
                devient le référent {ofName(personName(accepted.person))}.
                {accepted.person.isMember && (
                  <>
                    {' '}
                    <Link to={`/personnes/${accepted.person.id}`}>Ouvrir le dossier</Link>
                  </>
                )}
              </>,
            )
          }
        />
      )}
      {form === 'decline' && (
        <DeclineForm
          handover={handover}
          onClose={() => setForm(undefined)}
          onFailed={(error) => failed(error, 'answer')}
          onDone={() =>
            succeeded('Refus enregistré : la personne qui a proposé le passage en est informée.')
          }
        />
      )}
      {form === 'cancel' && (
        <CancelForm
          handover={handover}
          onClose={() => setForm(undefined)}
          onFailed={(error) => failed(error, 'cancel')}
          onDone={() =>
            succeeded('Annulation enregistrée : la personne reste suivie par son référent actuel.')
          }
        />
      )}
    </section>
  );
}

/** The French sentence for a refused answer or cancellation. */
function problemText(error: unknown, action: 'answer' | 'cancel'): string {
  const reason = reasonOf(error);
  if (isConflict(error)) {
    if (reason === 'FILE_ARCHIVED') {
      return 'Le dossier de cette personne est archivé (lecture seule) : le passage ne peut plus aboutir.';
    }
    return 'Ce passage a déjà reçu une réponse, ou son délai est dépassé : la page affiche maintenant son état à jour.';
  }
  if (isForbidden(error)) {
    if (reason === 'PROCESSING_RESTRICTED') {
      return 'La personne a demandé la limitation du traitement de son dossier (RGPD) : aucun passage de relais n’est possible tant qu’elle dure.';
    }
    return action === 'cancel'
      ? 'Vous ne pouvez pas annuler ce passage : seuls la personne qui l’a proposé et le référent actuel le peuvent.'
      : 'Vous ne pouvez pas répondre à ce passage : seuls un administrateur de la structure d’accueil, le professionnel désigné ou un chargé d’orientation du territoire le peuvent.';
  }
  return describeError(error, LABELS).message;
}
