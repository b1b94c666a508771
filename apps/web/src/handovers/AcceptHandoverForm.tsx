import { useMutation, useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, useState } from 'react';
import { codeOf, fieldOf, fieldsOf } from '../api/errors';
import { graphql } from '../api/graphql';
import { useMe } from '../app/me';
import { FormActions } from '../components/FormActions';
import { MutationError, PageState } from '../components/PageState';
import { ofStructure } from '../components/typography';
import { checkFields, INPUT_RULES, messageFor } from '../forms/field-check';
import { useFieldErrors } from '../forms/useFieldErrors';
import {
  AcceptanceContextFields,
  CONTRACT_END_FIELD_ID,
  type AcceptanceChoices,
  acceptanceInput,
  acceptanceProblems,
  NO_CHANGE,
} from './AcceptanceContextFields';
import {
  CHECKBOX_INPUT_STYLE,
  HANDOVER_FIELDS,
  HANDOVER_RECIPIENTS,
  type HandoverFields,
} from './handover-format';

const ACCEPT = graphql(
  `
    mutation AcceptHandover($input: AcceptHandoverInput!) {
      acceptHandover(input: $input) {
        ...HandoverFields
      }
    }
  `,
  [HANDOVER_FIELDS],
);

/** What the parties see change after an answer. */
const REFRESHED = ['Handovers', 'Caseload', 'UnreadNotificationCount'];

const LABELS = {
  newReferentAccountId: 'Nouveau référent',
  personAgreed: 'La personne a donné son accord pour ce nouveau référent',
  formerReferentStaysAsFollower: 'L’ancien référent reste dans l’équipe',
  orientationType: 'Orientation',
  orientationStructureId: 'Structure d’orientation',
  closeCurrentContract: 'Clore le contrat en cours',
  newContractType: 'Nouveau contrat',
  newContractEndsOn: 'Fin du nouveau contrat',
};

/** The API's rules (AcceptHandoverInput), and what the form asks for: a referent, the agreement. */
const ACCEPT_RULES = {
  newReferentAccountId: { required: true },
  personAgreed: { required: true },
  ...INPUT_RULES.AcceptHandoverInput,
};

/** The fields this form draws itself; the orientation and contract's are AcceptanceContextFields'. */
const OWN_LABELS = {
  newReferentAccountId: LABELS.newReferentAccountId,
  personAgreed: LABELS.personAgreed,
};

/** The API refused fields of this form only: they are shown under them and in the summary. */
function refusesOwnFields(error: unknown): boolean {
  const fields = [fieldOf(error), ...fieldsOf(error).map((problem) => problem.field)];
  return fields.every((field) => field === undefined || field in OWN_LABELS);
}

const ACCEPT_HINTS = {
  newReferentAccountId: 'Choisissez le nouveau référent.',
  personAgreed:
    'La personne s’est opposée au partage de ses informations : recueillez son accord pour ce nouveau référent, puis cochez cette case.',
};

/**
 * The new contract's end against the API's window for a plan's dates, in the form's words. Its
 * field belongs to AcceptanceContextFields, which says it under the field.
 */
function endDateProblem(endsOn: string): Record<string, string> {
  const [error] = checkFields({ newContractEndsOn: endsOn }, INPUT_RULES.AcceptHandoverInput);
  return error ? { newContractEndsOn: messageFor(error, ACCEPT_RULES.newContractEndsOn) } : {};
}

interface Candidate {
  readonly id: string;
  readonly label: string;
}

/**
 * Accepting a handover: the new referent, and what changes with them (issue 19): the
 * orientation confirmed or changed, the running contract closed and the one that fits opened.
 * All of it is one transaction on the API: refused, nothing changes.
 */
export function AcceptHandoverForm({
  handover,
  onClose,
  onFailed,
  onDone,
}: {
  handover: HandoverFields;
  onClose: () => void;
  onFailed: (error: unknown) => void;
  onDone: (accepted: HandoverFields) => void;
}) {
  const { me } = useMe();
  const targetId = handover.toStructure.id;
  const isTargetProfessional = me.memberships.some(
    (m) => m.role === 'PROFESSIONAL' && m.structure?.id === targetId,
  );
  const recipients = useQuery(HANDOVER_RECIPIENTS, { variables: { structureId: targetId } });

  // The caller first ("Moi-même") when they may become the referent, then the others by name.
  const others: Candidate[] = [];
  for (const account of recipients.data?.handoverRecipients ?? []) {
    if (account.id !== me.id) others.push({ id: account.id, label: account.name });
  }
  if (handover.toAccount && !others.some((c) => c.id === handover.toAccount?.id)) {
    if (handover.toAccount.id !== me.id) {
      others.unshift({ id: handover.toAccount.id, label: handover.toAccount.name });
    }
  }
  const self: Candidate | undefined =
    isTargetProfessional || handover.toAccount?.id === me.id
      ? { id: me.id, label: `${me.givenName} ${me.familyName}` }
      : undefined;
  const candidates = self ? [self, ...others] : others;

  const defaultChoice = handover.toAccount?.id ?? (isTargetProfessional ? me.id : undefined) ?? '';
  const [choice, setChoice] = useState(defaultChoice);
  const [stays, setStays] = useState(false);
  const [askAgreement, setAskAgreement] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>();
  const [context, setContext] = useState<AcceptanceChoices>(NO_CHANGE);
  const [accept, { loading }] = useMutation(ACCEPT, { refetchQueries: REFRESHED });
  const fieldErrors = useFieldErrors({
    rules: ACCEPT_RULES,
    labels: OWN_LABELS,
    idPrefix: 'accepter',
    ids: { personAgreed: 'accepter-accord-0' },
    hints: ACCEPT_HINTS,
  });
  const contextProblems = {
    ...acceptanceProblems(context),
    ...(context.newContractType ? endDateProblem(context.newContractEndsOn) : {}),
  };

  const chosen = choice || (candidates.length === 1 ? candidates[0].id : '');
  const loadingCandidates = recipients.loading;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    setError(undefined);
    // The fields of this form; the orientation and contract's are checked by contextProblems.
    const values = {
      newReferentAccountId: chosen,
      ...(askAgreement ? { personAgreed: agreed } : {}),
    };
    if (!fieldErrors.check(values)) return;
    if (Object.keys(contextProblems).length > 0) {
      // The only context field with a rule: its message shows under it once touched.
      document.getElementById(CONTRACT_END_FIELD_ID)?.focus();
      return;
    }
    accept({
      variables: {
        input: {
          handoverId: handover.id,
          newReferentAccountId: chosen,
          formerReferentStaysAsFollower: stays,
          ...(askAgreement ? { personAgreed: agreed } : {}),
          ...acceptanceInput(context, handover.toStructure.id),
        },
      },
    }).then(
      ({ data }) => {
        if (data) onDone(data.acceptHandover);
      },
      (caught: unknown) => {
        // The person objected to sharing: their agreement to the new referent is asked for.
        if (fieldOf(caught) === 'personAgreed') setAskAgreement(true);
        // A refused field of this form under it (and in the summary); any other refusal, a
        // context field's included, said above the form with the field's name.
        if (codeOf(caught) !== 'BAD_USER_INPUT') onFailed(caught);
        else if (!refusesOwnFields(caught) || !fieldErrors.refused(caught, values))
          setError(caught);
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="fr-mb-4w" aria-labelledby="accepter-titre">
      <h3 id="accepter-titre" className="fr-h5">
        Accepter le passage
      </h3>
      {fieldErrors.summary}
      <MutationError error={error} labels={LABELS} />
      <PageState error={recipients.error} retry={() => void recipients.refetch()} />
      {candidates.length === 0 && !loadingCandidates ? (
        <Alert
          severity="info"
          small
          className="fr-mb-2w"
          description="Cette structure n’a aucun professionnel actif qui puisse devenir référent : le passage ne peut pas être accepté. Refusez-le en expliquant pourquoi."
        />
      ) : (
        <Select
          label="Nouveau référent"
          hint={`Un membre ${ofStructure(handover.toStructure.name)}.`}
          {...fieldErrors.state('newReferentAccountId')}
          nativeSelectProps={{
            ...fieldErrors.native('newReferentAccountId'),
            value: chosen,
            onChange: (event) => setChoice(event.target.value),
            'aria-required': true,
          }}
        >
          <option value="" disabled>
            {loadingCandidates ? 'Chargement des professionnels…' : 'Choisir un professionnel'}
          </option>
          {self ? (
            <>
              <optgroup label="Moi-même">
                <option value={self.id}>{self.label}</option>
              </optgroup>
              {others.length > 0 && (
                <optgroup label={`Autres membres ${ofStructure(handover.toStructure.name)}`}>
                  {others.map((candidate) => (
                    <option key={candidate.id} value={candidate.id}>
                      {candidate.label}
                    </option>
                  ))}
                </optgroup>
              )}
            </>
          ) : (
            others.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label}
              </option>
            ))
          )}
        </Select>
      )}
      {handover.fromReferent && (
        <Checkbox
          options={[
            {
              label: 'L’ancien référent reste dans l’équipe',
              hintText: `${handover.fromReferent.name} continue de suivre la personne ; sinon, il ou elle garde un accès en lecture pendant 30 jours.`,
              nativeInputProps: {
                style: CHECKBOX_INPUT_STYLE,
                checked: stays,
                onChange: (event) => setStays(event.target.checked),
              },
            },
          ]}
        />
      )}
      {askAgreement && (
        <Checkbox
          id="accepter-accord"
          {...fieldErrors.state('personAgreed')}
          options={[
            {
              label: 'La personne a donné son accord pour ce nouveau référent',
              nativeInputProps: {
                'aria-invalid': fieldErrors.native('personAgreed')['aria-invalid'],
                style: CHECKBOX_INPUT_STYLE,
                checked: agreed,
                onChange: (event) => setAgreed(event.target.checked),
              },
            },
          ]}
        />
      )}
      <AcceptanceContextFields
        handover={handover}
        value={context}
        onChange={setContext}
        problems={touched ? contextProblems : {}}
      />
      <FormActions
        submitLabel="Confirmer l’acceptation"
        onCancel={onClose}
        disabled={loading || candidates.length === 0}
        cancelLabel="Fermer"
        cancelPriority="tertiary"
      />
    </form>
  );
}
