import { useMutation, useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { graphql } from '../api/graphql';
import { FormActions } from '../components/FormActions';
import { INPUT_RULES } from '../forms/field-check';
import { useFieldErrors } from '../forms/useFieldErrors';
import { PROPOSE_LABELS, ProposeProblem } from './ProposeProblem';
import { PageState } from '../components/PageState';
import { EMPTY_CONTEXT, type ProposeContext, ProposeContextFields } from './ProposeContextFields';
import {
  CHECKBOX_INPUT_STYLE,
  formatDate,
  HANDOVER_FIELDS,
  HANDOVER_RECIPIENTS,
  REASON_MAX,
} from './handover-format';

/** The API's rules, and the person told of the handover, which the form asks first. */
const PROPOSE_RULES = { ...INPUT_RULES.ProposeHandoverInput, personInformed: { required: true } };

/** What to say when a required choice is missing. */
const PROPOSE_HINTS = {
  toStructureId: 'Choisissez la structure d’accueil.',
  personInformed:
    'Informez la personne de ce passage avant de le proposer, puis cochez cette case.',
};

/**
 * The person's territory and team, asked as the file page asks them so that the cache answers
 * (cache-first); otherwise this is one logged read, made only when the form is opened.
 */
const PERSON_CONTEXT = graphql(`
  query ProposeHandoverPerson($personId: ID!) {
    person(id: $personId) {
      id
      territoryId
      openHandover {
        id
        canOpen
        expiresAt
        toStructureName
        toAccountName
      }
      team(includeFormer: true) {
        id
        accountId
        givenName
        familyName
        role
        structureId
        leftAt
      }
    }
  }
`);

const STRUCTURES = graphql(`
  query ProposeHandoverStructures($territoryId: ID!) {
    structures(territoryId: $territoryId) {
      id
      name
    }
  }
`);

const PROPOSE = graphql(
  `
    mutation ProposeHandover($input: ProposeHandoverInput!) {
      proposeHandover(input: $input) {
        ...HandoverFields
      }
    }
  `,
  [HANDOVER_FIELDS],
);

/**
 * "Proposer un passage de relais", from the person's file: an inline form below the button.
 * `version` is the file's, part of the header's contract; a proposal does not change the file
 * itself (the API takes no version), so it is not sent.
 */
export function ProposeHandoverButton({
  personId,
  onProposed,
}: {
  personId: string;
  version: number;
  /** Called after a proposal, for the file to refresh what it shows of it. */
  onProposed?: (handoverId: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [proposed, setProposed] = useState<{ id: string; structure: string }>();
  const panelId = useId();
  // Once sent, the form closes and the focus goes to what was done.
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (proposed) statusRef.current?.focus();
  }, [proposed]);

  return (
    <div className="fr-mb-2w">
      {/* Once proposed, the handover is open: another proposal would be refused. */}
      {!proposed && (
        <Button
          priority="secondary"
          iconId="fr-icon-arrow-right-line"
          iconPosition="right"
          onClick={() => setOpen(!open)}
          nativeButtonProps={{ 'aria-expanded': open, 'aria-controls': panelId }}
        >
          Proposer un passage de relais
        </Button>
      )}
      <div id={panelId} aria-live="polite">
        {proposed && (
          <div role="status" tabIndex={-1} ref={statusRef}>
            <Alert
              role={undefined}
              severity="success"
              small
              className="fr-mt-2w"
              description={
                <>
                  Proposition envoyée à {proposed.structure}, qui a 15 jours pour répondre.{' '}
                  <Link to={`/passages/${proposed.id}`}>Voir le passage</Link>
                </>
              }
            />
          </div>
        )}
        {open && (
          <ProposeForm
            personId={personId}
            onClose={() => setOpen(false)}
            onDone={(id, structure) => {
              setOpen(false);
              setProposed({ id, structure });
              onProposed?.(id);
            }}
          />
        )}
      </div>
    </div>
  );
}

function ProposeForm({
  personId,
  onClose,
  onDone,
}: {
  personId: string;
  onClose: () => void;
  onDone: (handoverId: string, structureName: string) => void;
}) {
  const person = useQuery(PERSON_CONTEXT, {
    variables: { personId },
    fetchPolicy: 'cache-first',
  });
  const territoryId = person.data?.person.territoryId;
  const structures = useQuery(STRUCTURES, {
    variables: { territoryId: territoryId ?? '' },
    skip: !territoryId,
    fetchPolicy: 'cache-first',
  });

  const [structureId, setStructureId] = useState('');
  const [accountId, setAccountId] = useState('');
  const [reason, setReason] = useState('');
  const [informed, setInformed] = useState(false);
  const [context, setContext] = useState<ProposeContext>(EMPTY_CONTEXT);
  const [error, setError] = useState<unknown>();
  const fieldErrors = useFieldErrors({
    rules: PROPOSE_RULES,
    labels: PROPOSE_LABELS,
    idPrefix: 'passage',
    hints: PROPOSE_HINTS,
    // The design system names a checkbox's input after its group: `<group id>-0`.
    ids: { personInformed: 'passage-informee-0' },
  });
  // The form opens with the focus on its first field.
  const formRef = useRef<HTMLFormElement>(null);
  const ready = !!person.data && !!structures.data;
  useEffect(() => {
    if (ready) formRef.current?.querySelector<HTMLElement>('select')?.focus();
  }, [ready]);
  const [propose, { loading }] = useMutation(PROPOSE, {
    refetchQueries: ['Handovers', 'Caseload'],
  });

  const recipients = useQuery(HANDOVER_RECIPIENTS, {
    variables: { structureId },
    skip: !structureId,
  });

  const loadError = person.error ?? structures.error;
  if (loadError || !person.data || !structures.data) {
    return (
      <div className="fr-mt-2w">
        <PageState
          loading={person.loading || structures.loading}
          error={loadError}
          retry={() => {
            void person.refetch();
            if (territoryId) void structures.refetch();
          }}
          loadingText="Chargement des structures…"
        />
      </div>
    );
  }

  const open = person.data.person.openHandover;
  if (open) {
    // Said before the form, not after it is filled: one open handover per person.
    return (
      <Alert
        severity="info"
        small
        className="fr-mt-2w"
        description={
          <>
            Un passage de relais est déjà en cours vers {open.toStructureName}
            {open.toAccountName && `, nommant ${open.toAccountName}`}, en attente de réponse
            jusqu’au {formatDate(open.expiresAt)}. Il faut qu’il reçoive une réponse ou qu’il soit
            annulé avant d’en proposer un autre.{' '}
            {open.canOpen && <Link to={`/passages/${open.id}`}>Voir le passage en cours</Link>}
          </>
        }
      />
    );
  }

  const team = person.data.person.team.filter((member) => member.leftAt === null);
  const referentStructureId = team.find((m) => m.role === 'REFERENT')?.structureId;
  // The API refuses the referent's own structure: it is not offered.
  const targets = structures.data.structures.filter((s) => s.id !== referentStructureId);
  const target = targets.find((s) => s.id === structureId);

  const candidates = structureId ? (recipients.data?.handoverRecipients ?? []) : [];

  // Checked as sent: trimmed.
  const values = {
    toStructureId: structureId,
    reason: reason.trim(),
    summarySituation: context.summarySituation.trim(),
    summaryDone: context.summaryDone.trim(),
    summaryExpected: context.summaryExpected.trim(),
    personInformed: informed,
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (!fieldErrors.check(values)) return;
    propose({
      variables: {
        input: {
          personId,
          toStructureId: structureId,
          toAccountId: accountId || null,
          reason: reason.trim(),
          personInformed: informed,
          summarySituation: context.summarySituation.trim() || null,
          summaryDone: context.summaryDone.trim() || null,
          summaryExpected: context.summaryExpected.trim() || null,
          previewParts: [...context.previewParts],
        },
      },
    }).then(
      ({ data }) => {
        if (data) onDone(data.proposeHandover.id, data.proposeHandover.toStructure.name);
      },
      (caught: unknown) => {
        if (!fieldErrors.refused(caught, values)) setError(caught);
      },
    );
  };

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="fr-mt-2w fr-p-1w fr-p-md-3w fr-background-alt--grey"
    >
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend fr-h5 fr-mb-1w">
          Proposer un passage de relais
        </legend>
        <p className="fr-text--sm fr-mb-2w fr-px-1w">
          La structure d’accueil a 15 jours pour répondre. En cas d’acceptation, le référent qu’elle
          désigne remplace le référent actuel.
        </p>
        <div className="fr-fieldset__element">
          {fieldErrors.summary}
          <ProposeProblem error={error} />
          <Select
            label="Structure d’accueil"
            hint="Une structure du territoire de la personne, autre que celle du référent actuel."
            {...fieldErrors.state('toStructureId')}
            nativeSelectProps={{
              ...fieldErrors.native('toStructureId'),
              value: structureId,
              onChange: (event) => {
                setStructureId(event.target.value);
                setAccountId('');
              },
              'aria-required': true,
            }}
          >
            <option value="" disabled>
              Choisir une structure
            </option>
            {targets.map((structure) => (
              <option key={structure.id} value={structure.id}>
                {structure.name}
              </option>
            ))}
          </Select>
        </div>
        {target && (
          <div className="fr-fieldset__element">
            <Select
              label="Professionnel destinataire (facultatif)"
              hint={`Sans nom, ${target.name} désignera elle-même le nouveau référent.`}
              state={recipients.error ? 'error' : 'default'}
              stateRelatedMessage={
                recipients.error
                  ? 'La liste des professionnels n’a pas pu être chargée : vous pouvez proposer le passage sans nommer personne.'
                  : undefined
              }
              nativeSelectProps={{
                value: accountId,
                onChange: (event) => setAccountId(event.target.value),
              }}
            >
              <option value="">
                {recipients.loading
                  ? 'Chargement des professionnels…'
                  : 'Aucun : la structure choisira'}
              </option>
              {candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className="fr-fieldset__element">
          <Input
            label="Motif du passage"
            hintText={`Pourquoi la personne change de structure (3 à ${REASON_MAX.toLocaleString('fr-FR')} caractères). Il sera lu par la structure qui l’accueillera.`}
            textArea
            {...fieldErrors.state('reason')}
            nativeTextAreaProps={{
              ...fieldErrors.native('reason', reason),
              value: reason,
              onChange: (event) => setReason(event.target.value),
              rows: 4,
              'aria-required': true,
            }}
          />
          {fieldErrors.counter('reason', reason)}
        </div>
        <ProposeContextFields value={context} onChange={setContext} fieldErrors={fieldErrors} />
        <div className="fr-fieldset__element">
          <Checkbox
            id="passage-informee"
            {...fieldErrors.state('personInformed')}
            options={[
              {
                label: 'La personne a été informée de ce passage',
                nativeInputProps: {
                  'aria-invalid': fieldErrors.native('personInformed')['aria-invalid'],
                  style: CHECKBOX_INPUT_STYLE,
                  checked: informed,
                  onChange: (event) => setInformed(event.target.checked),
                  'aria-required': true,
                },
              },
            ]}
          />
        </div>
        <FormActions
          submitLabel="Proposer le passage"
          onCancel={onClose}
          disabled={loading}
          cancelLabel="Fermer"
          cancelPriority="tertiary"
          className="fr-fieldset__element"
        />
      </fieldset>
    </form>
  );
}
