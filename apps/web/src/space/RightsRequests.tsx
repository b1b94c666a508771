import { useMutation, useQuery } from '@apollo/client/react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { type FormEvent, useState } from 'react';
import { reasonOf } from '../api/errors';
import { graphql, type ResultOf } from '../api/graphql';
import { PageState } from '../components/PageState';
import { formatDay } from './space-query';

const MY_RIGHTS_REQUESTS = graphql(`
  query MyRightsRequests {
    myRightsRequests {
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
`);

const REQUEST_RIGHT = graphql(`
  mutation RequestRight($input: RequestRightInput!) {
    requestRight(input: $input) {
      id
    }
  }
`);

type RightsRequest = ResultOf<typeof MY_RIGHTS_REQUESTS>['myRightsRequests'][number];
type Kind = RightsRequest['kind'];

/** Each right in plain words: what it is for, then its legal name. */
const KINDS: Record<Kind, { label: string; hint: string; details: string }> = {
  RECTIFICATION: {
    label: 'Corriger une information',
    hint: 'Une information de votre dossier est fausse ou n’est plus à jour. C’est le « droit de rectification ».',
    details: 'Quelle information est fausse ? Que faut-il écrire à la place ?',
  },
  OBJECTION: {
    label: 'Refuser le partage de votre dossier',
    hint: 'Les logiciels partenaires et les nouveaux professionnels ne pourront plus lire votre dossier. C’est le « droit d’opposition ».',
    details: 'Pourquoi refusez-vous ce partage ? Quelques mots suffisent.',
  },
  RESTRICTION: {
    label: 'Geler votre dossier',
    hint: 'Plus personne ne pourra modifier votre dossier, le temps de vérifier une question. C’est le « droit à la limitation ».',
    details: 'Pourquoi voulez-vous geler votre dossier ?',
  },
};

const STATUS: Record<
  RightsRequest['status'],
  { text: string; severity: 'info' | 'success' | 'error' }
> = {
  PENDING: { text: 'En attente de réponse', severity: 'info' },
  ACCEPTED: { text: 'Acceptée', severity: 'success' },
  REFUSED: { text: 'Refusée', severity: 'error' },
};

const MAX_DETAILS = 2000;

function RequestForm({ onSent }: { onSent: () => void }) {
  const [kind, setKind] = useState<Kind>();
  const [details, setDetails] = useState('');
  const [problem, setProblem] = useState<{ field?: 'kind' | 'details'; text: string }>();
  const [sent, setSent] = useState<string>();
  const [request, { loading }] = useMutation(REQUEST_RIGHT);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(undefined);
    if (!kind) return setProblem({ field: 'kind', text: 'Choisissez ce que vous demandez.' });
    const text = details.trim();
    if (!text)
      return setProblem({ field: 'details', text: 'Expliquez votre demande en quelques mots.' });
    if (text.length > MAX_DETAILS) {
      return setProblem({ field: 'details', text: `Écrivez au plus ${MAX_DETAILS} caractères.` });
    }
    setProblem(undefined);
    try {
      await request({ variables: { input: { kind, details: text } } });
      setSent(
        'Votre demande est envoyée. Votre référent doit vous répondre dans un délai d’un mois.',
      );
      setKind(undefined);
      setDetails('');
      onSent();
    } catch (error) {
      setProblem({
        text:
          reasonOf(error) === 'RIGHTS_REQUEST_PENDING'
            ? 'Vous avez déjà une demande de ce type en attente. Attendez la réponse de votre référent.'
            : 'Votre demande n’est pas partie. Vérifiez votre connexion à internet, puis réessayez.',
      });
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <RadioButtons
        legend="Que demandez-vous ?"
        name="kind"
        state={problem?.field === 'kind' ? 'error' : 'default'}
        stateRelatedMessage={problem?.field === 'kind' ? problem.text : undefined}
        options={(Object.keys(KINDS) as Kind[]).map((value) => ({
          label: KINDS[value].label,
          hintText: KINDS[value].hint,
          nativeInputProps: {
            value,
            checked: kind === value,
            onChange: () => setKind(value),
          },
        }))}
      />
      <Input
        textArea
        label="Expliquez votre demande"
        hintText={kind ? KINDS[kind].details : 'Quelques mots suffisent.'}
        state={problem?.field === 'details' ? 'error' : 'default'}
        stateRelatedMessage={problem?.field === 'details' ? problem.text : undefined}
        nativeTextAreaProps={{
          name: 'details',
          rows: 4,
          value: details,
          onChange: (event) => setDetails(event.target.value),
        }}
      />
      <Button type="submit" disabled={loading}>
        Envoyer ma demande
      </Button>
      <div role="status">{sent && <p className="fr-valid-text">{sent}</p>}</div>
      <div role="alert">
        {problem && !problem.field && <p className="fr-error-text">{problem.text}</p>}
      </div>
    </form>
  );
}

/** Requests to the referent about the person's rights, and their state (answer within a month). */
export function RightsRequests() {
  const { data, error, loading, refetch } = useQuery(MY_RIGHTS_REQUESTS, {
    fetchPolicy: 'network-only',
  });
  const requests = data?.myRightsRequests ?? [];
  return (
    <>
      <h3 className="fr-h5 fr-mt-4w">Faire une demande à votre référent</h3>
      <p>Votre référent doit vous répondre dans un délai d’un mois.</p>
      <RequestForm onSent={() => void refetch()} />
      <h3 className="fr-h5 fr-mt-4w">Vos demandes</h3>
      <PageState loading={loading && !data} error={error} retry={() => void refetch()} />
      {data && requests.length === 0 && <p>Vous n’avez pas fait de demande.</p>}
      {requests.length > 0 && (
        <ul className="fr-raw-list">
          {requests.map((request) => (
            <li key={request.id} className="fr-mb-3w">
              <p className="fr-mb-1w">
                <strong>{KINDS[request.kind].label}</strong>{' '}
                <Badge small noIcon severity={STATUS[request.status].severity}>
                  {STATUS[request.status].text}
                </Badge>
              </p>
              <p className="fr-mb-1w fr-text--sm">
                Demandé le {formatDay(request.requestedAt)}.{' '}
                {request.status === 'PENDING'
                  ? `Réponse attendue avant le ${formatDay(request.dueOn)}.`
                  : request.answeredAt && `Réponse le ${formatDay(request.answeredAt)}.`}
              </p>
              <p className="fr-mb-1w">Votre demande : {request.details}</p>
              {request.answer && (
                <p className="fr-mb-0">Réponse de votre référent : {request.answer}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
