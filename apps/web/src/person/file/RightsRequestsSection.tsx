import { useMutation, useQuery } from '@apollo/client/react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useState } from 'react';
import { graphql } from '../../api/graphql';
import { MutationError, PageState } from '../../components/PageState';
import { formatShortDate, formatShortDateTime } from '../../components/format';
import { CountedText } from '../../forms/CountedText';
import { DecisionButtons } from '../../forms/DecisionButtons';
import { INPUT_RULES } from '../../forms/field-check';
import { useFieldErrors } from '../../forms/useFieldErrors';
import { useConfirmation } from './common';
import type { SectionProps } from './query';

const PERSON_RIGHTS_REQUESTS = graphql(`
  query PersonRightsRequests($id: ID!) {
    person(id: $id) {
      id
      rightsRequests {
        id
        kind
        details
        status
        requestedAt
        dueOn
        answeredAt
        answer
      }
    }
  }
`);

const ANSWER_RIGHTS_REQUEST = graphql(`
  mutation AnswerRightsRequest($input: AnswerRightsRequestInput!) {
    answerRightsRequest(input: $input) {
      id
      status
      answer
      answeredAt
    }
  }
`);

type Kind = 'RECTIFICATION' | 'OBJECTION' | 'RESTRICTION';

/** What the person asked, as the file's history says it. */
const KIND_LABELS: Readonly<Record<Kind, string>> = {
  RECTIFICATION: 'Rectification de son dossier',
  OBJECTION: 'Opposition au partage',
  RESTRICTION: 'Limitation du traitement',
};

/** What accepting does, said before the referent answers. */
const ACCEPT_HINTS: Readonly<Record<Kind, string>> = {
  RECTIFICATION: 'Accepter veut dire que vous avez corrigé le dossier.',
  OBJECTION:
    'Accepter enregistre l’opposition : plus aucun partage avec les systèmes partenaires (réservé au référent).',
  RESTRICTION:
    'Accepter limite le traitement : le dossier ne pourra plus être modifié (réservé au référent).',
};

const LABELS = { answer: 'Réponse à la personne', requestId: 'Demande' };

const PARIS_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' });

/** The person's requests about their rights, made from their space, and the team's answers. */
export function RightsRequestsSection({ person }: SectionProps) {
  const { data, error, loading, refetch } = useQuery(PERSON_RIGHTS_REQUESTS, {
    variables: { id: person.id },
    fetchPolicy: 'network-only',
  });
  const [confirmation, confirm] = useConfirmation();
  const requests = error ? undefined : data?.person?.rightsRequests;
  if (!requests) {
    // A reader outside the team is not shown the section.
    if (error) return null;
    return <PageState loading={loading} loadingText="Chargement des demandes de la personne…" />;
  }
  const today = PARIS_DAY.format(new Date());
  return (
    <section aria-labelledby="demandes-personne-titre" className="fr-mt-4w">
      <h3 id="demandes-personne-titre">Demandes de la personne</h3>
      {confirmation}
      {requests.length === 0 ? (
        <p>La personne n’a fait aucune demande depuis son espace personnel.</p>
      ) : (
        <ul className="fr-raw-list">
          {requests.map((request) => {
            const kind = KIND_LABELS[request.kind];
            const late = request.status === 'PENDING' && request.dueOn < today;
            return (
              <li key={request.id} className="fr-mb-3w">
                <h4 className="fr-h6 fr-mb-1w">
                  {kind}{' '}
                  {request.status === 'PENDING' ? (
                    late ? (
                      <Badge severity="error" small>
                        En retard
                      </Badge>
                    ) : (
                      <Badge severity="new" small>
                        À traiter
                      </Badge>
                    )
                  ) : (
                    <Badge severity={request.status === 'ACCEPTED' ? 'success' : 'info'} small>
                      {request.status === 'ACCEPTED' ? 'Acceptée' : 'Refusée'}
                    </Badge>
                  )}
                </h4>
                <p className="fr-text--sm fr-mb-1w">
                  Demandée le {formatShortDateTime(request.requestedAt)}, réponse attendue avant le{' '}
                  {formatShortDate(request.dueOn)}.
                </p>
                <blockquote className="fr-mb-1w">{request.details}</blockquote>
                {request.status === 'PENDING' ? (
                  <AnswerForm
                    requestId={request.id}
                    kind={request.kind}
                    onAnswered={(message) => {
                      confirm(message);
                      void refetch();
                    }}
                    onReload={() => void refetch()}
                  />
                ) : (
                  <p className="fr-text--sm">
                    Réponse du {formatShortDateTime(request.answeredAt)} : {request.answer}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function AnswerForm({
  requestId,
  kind,
  onAnswered,
  onReload,
}: {
  requestId: string;
  kind: Kind;
  onAnswered: (message: string) => void;
  onReload: () => void;
}) {
  const [answer, setAnswer] = useState('');
  const [send, { error, loading, reset }] = useMutation(ANSWER_RIGHTS_REQUEST);
  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.AnswerRightsRequestInput,
    labels: LABELS,
    idPrefix: `reponse-${requestId}`,
  });

  async function submit(accept: boolean) {
    const values = { answer };
    if (!fieldErrors.check(values)) return;
    try {
      await send({ variables: { input: { requestId, accept, answer: answer.trim() } } });
      onAnswered(
        accept
          ? 'Demande acceptée : la personne est prévenue par courriel.'
          : 'Demande refusée : la personne est prévenue par courriel.',
      );
    } catch (failure) {
      fieldErrors.refused(failure, values);
    }
  }

  return (
    <div className="fr-mt-2w">
      {fieldErrors.summary}
      <MutationError
        error={fieldErrors.errors.length ? undefined : error}
        labels={LABELS}
        onReload={() => {
          reset();
          onReload();
        }}
      />
      <CountedText
        label="Réponse à la personne"
        hintText={`La personne la lira dans son espace. ${ACCEPT_HINTS[kind]}`}
        field="answer"
        value={answer}
        onChange={setAnswer}
        fieldErrors={fieldErrors}
        textArea
      />
      <DecisionButtons
        subject={`la demande (${KIND_LABELS[kind].toLowerCase()})`}
        busy={loading}
        onDecide={(accept) => void submit(accept)}
      />
    </div>
  );
}
