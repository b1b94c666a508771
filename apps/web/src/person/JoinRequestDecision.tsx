import { useMutation } from '@apollo/client/react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useId, useState } from 'react';
import { graphql } from '../api/graphql';
import { MutationError } from '../components/PageState';
import { ofName } from '../components/typography';
import { CharacterCount } from '../forms/useFieldErrors';
import { TEXT_MAX } from '../forms/field-check';

const DECIDE_JOIN_REQUEST = graphql(`
  mutation DecideJoinRequest($input: DecideJoinRequestInput!) {
    decideJoinRequest(input: $input) {
      id
      status
      decidedAt
      decisionReason
    }
  }
`);

const LABELS = {
  reason: 'Motif de la décision',
  personAgreed: 'La personne a donné son accord',
  requestId: 'Demande',
};

/**
 * Accepting or refusing one request to join a team (by the referent, an admin of the referent's
 * structure or an orientation manager). `requesterName` makes each button's name unique.
 */
export function JoinRequestDecision({
  requestId,
  requesterName,
  personObjected,
  onDecided,
  onReload,
}: {
  requestId: string;
  requesterName: string;
  /** The person objected to sharing: accepting needs their agreement. Unknown: asked anyway. */
  personObjected?: boolean;
  onDecided: (message: string) => void;
  onReload: () => void;
}) {
  const [reason, setReason] = useState('');
  const counterId = useId();
  const [personAgreed, setPersonAgreed] = useState(false);
  const [decide, { error, loading, reset }] = useMutation(DECIDE_JOIN_REQUEST);
  const askAgreement = personObjected !== false;

  async function submit(accept: boolean) {
    try {
      await decide({
        variables: {
          input: {
            requestId,
            accept,
            reason: reason.trim() || null,
            ...(accept && askAgreement && personAgreed ? { personAgreed: true } : {}),
          },
        },
      });
      onDecided(
        accept
          ? `Demande ${ofName(requesterName)} acceptée : ${requesterName} rejoint l’équipe.`
          : `Demande ${ofName(requesterName)} refusée.`,
      );
    } catch {
      // Said by MutationError below.
    }
  }

  return (
    <div className="fr-mt-2w">
      <MutationError
        error={error}
        labels={LABELS}
        onReload={() => {
          reset();
          onReload();
        }}
      />
      <Input
        label="Motif de la décision (facultatif)"
        nativeInputProps={{
          value: reason,
          'aria-describedby': counterId,
          onChange: (e) => setReason(e.target.value),
        }}
      />
      <CharacterCount id={counterId} length={reason.length} max={TEXT_MAX.teamReason} />
      {askAgreement && (
        <Checkbox
          small
          options={[
            {
              label: 'La personne a donné son accord à ce partage',
              hintText: personObjected
                ? 'La personne s’est opposée au partage de ses données : son accord est nécessaire pour accepter.'
                : 'Nécessaire pour accepter si la personne s’est opposée au partage de ses données.',
              nativeInputProps: {
                checked: personAgreed,
                onChange: (e) => setPersonAgreed(e.target.checked),
              },
            },
          ]}
        />
      )}
      <div className="relais-actions">
        <Button size="small" disabled={loading} onClick={() => void submit(true)}>
          Accepter<span className="fr-sr-only"> la demande {ofName(requesterName)}</span>
        </Button>
        <Button
          size="small"
          priority="secondary"
          disabled={loading}
          onClick={() => void submit(false)}
        >
          Refuser<span className="fr-sr-only"> la demande {ofName(requesterName)}</span>
        </Button>
      </div>
    </div>
  );
}
