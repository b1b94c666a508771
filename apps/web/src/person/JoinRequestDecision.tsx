import { useMutation } from '@apollo/client/react';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { useState } from 'react';
import { graphql } from '../api/graphql';
import { MutationError } from '../components/PageState';
import { ofName } from '../components/typography';
import { useFieldErrors } from '../forms/useFieldErrors';
import { CountedText } from '../forms/CountedText';
import { DecisionButtons } from '../forms/DecisionButtons';
import { INPUT_RULES } from '../forms/field-check';

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

/** Accepting a request for a person who objected to sharing needs their agreement. */
const DECISION_RULES = { ...INPUT_RULES.DecideJoinRequestInput, personAgreed: { required: true } };

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
  const [personAgreed, setPersonAgreed] = useState(false);
  const [decide, { error, loading, reset }] = useMutation(DECIDE_JOIN_REQUEST);
  const askAgreement = personObjected !== false;
  const fieldErrors = useFieldErrors({
    rules: DECISION_RULES,
    labels: LABELS,
    idPrefix: `decision-${requestId}`,
    ids: { personAgreed: `decision-${requestId}-accord-0` },
  });

  async function submit(accept: boolean) {
    const values = accept && personObjected ? { reason, personAgreed } : { reason };
    if (!fieldErrors.check(values)) return;
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
    } catch (failure) {
      // Under its field, or else said by MutationError below.
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
        label="Motif de la décision (facultatif)"
        field="reason"
        value={reason}
        onChange={setReason}
        fieldErrors={fieldErrors}
      />
      {askAgreement && (
        <Checkbox
          small
          id={`decision-${requestId}-accord`}
          {...fieldErrors.state('personAgreed')}
          options={[
            {
              label: 'La personne a donné son accord à ce partage',
              hintText: personObjected
                ? 'La personne s’est opposée au partage de ses données : son accord est nécessaire pour accepter.'
                : 'Nécessaire pour accepter si la personne s’est opposée au partage de ses données.',
              nativeInputProps: {
                'aria-invalid': fieldErrors.native('personAgreed')['aria-invalid'],
                checked: personAgreed,
                onChange: (e) => setPersonAgreed(e.target.checked),
              },
            },
          ]}
        />
      )}
      <DecisionButtons
        subject={`la demande ${ofName(requesterName)}`}
        busy={loading}
        onDecide={(accept) => void submit(accept)}
      />
    </div>
  );
}
