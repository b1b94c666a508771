import { useMutation } from '@apollo/client/react';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type FormEvent, useState } from 'react';
import { graphql } from '../../api/graphql';
import { INPUT_RULES } from '../../forms/field-check';
import { CountedText } from '../../forms/CountedText';
import { useFieldErrors } from '../../forms/useFieldErrors';
import { CONTRACT_SOUGHT_LABELS, type ContractSought, keysOf, orNull } from '../labels';
import { afterFailure, Field, SectionForm, useConfirmation, useFormReload } from './common';
import type { SectionProps } from './query';

const UPDATE_PROJECT = graphql(`
  mutation UpdateProfessionalProject($input: UpdateProfessionalProjectInput!) {
    updateProfessionalProject(input: $input) {
      id
      version
      project {
        targetJob
        romeCode
        mobilityRadiusKm
        contractsSought
      }
    }
  }
`);

const PROJECT_LABELS = {
  targetJob: 'Métier recherché',
  romeCode: 'Code ROME',
  mobilityRadiusKm: 'Rayon de mobilité',
  contractsSought: 'Contrats recherchés',
};

export function ProjectSection({ person, reload }: SectionProps) {
  const [confirmation, confirm] = useConfirmation();
  const [editing, setEditing] = useState(false);
  const [formKey, reloadForm] = useFormReload(reload);
  const { project } = person;

  return (
    <section aria-labelledby="projet-titre">
      <h2 id="projet-titre">Projet professionnel</h2>
      {confirmation}
      <dl className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <Field label="Métier recherché">{project.targetJob}</Field>
        <Field label="Code ROME">{project.romeCode}</Field>
        <Field label="Rayon de mobilité">
          {project.mobilityRadiusKm != null ? `${project.mobilityRadiusKm} km` : null}
        </Field>
        <Field label="Contrats recherchés">
          {project.contractsSought.map((c) => CONTRACT_SOUGHT_LABELS[c]).join(', ')}
        </Field>
      </dl>
      {person.access.canWrite && !editing && (
        <Button
          priority="secondary"
          iconId="fr-icon-edit-line"
          onClick={() => {
            confirm(undefined);
            setEditing(true);
          }}
        >
          Modifier le projet professionnel
        </Button>
      )}
      {person.access.canWrite && editing && (
        <ProjectForm
          key={formKey}
          person={person}
          reload={reloadForm}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            confirm('Projet professionnel enregistré.');
            void reload();
          }}
        />
      )}
    </section>
  );
}

function ProjectForm({
  person,
  reload,
  onClose,
  onDone,
}: SectionProps & { onClose: () => void; onDone: () => void }) {
  const [version] = useState(person.version);
  const [targetJob, setTargetJob] = useState(person.project.targetJob ?? '');
  const [romeCode, setRomeCode] = useState(person.project.romeCode ?? '');
  const [radius, setRadius] = useState(person.project.mobilityRadiusKm?.toString() ?? '');
  const [sought, setSought] = useState<ContractSought[]>(() => [...person.project.contractsSought]);
  const [update, { error, loading }] = useMutation(UPDATE_PROJECT);
  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.UpdateProfessionalProjectInput,
    labels: PROJECT_LABELS,
    idPrefix: 'projet',
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = {
      targetJob,
      romeCode,
      mobilityRadiusKm: radius.trim() === '' ? '' : Number(radius),
    };
    if (!fieldErrors.check(values)) return;
    try {
      await update({
        variables: {
          input: {
            personId: person.id,
            version,
            targetJob: orNull(targetJob),
            romeCode: orNull(romeCode),
            mobilityRadiusKm: radius.trim() === '' ? null : Number(radius),
            contractsSought: sought,
          },
        },
      });
      onDone();
    } catch (failure) {
      afterFailure(failure, reload, fieldErrors, values);
    }
  }

  return (
    <SectionForm
      fieldErrors={fieldErrors}
      titleId="projet-form-titre"
      title="Modifier le projet professionnel"
      onSubmit={(e) => void submit(e)}
      error={error}
      labels={PROJECT_LABELS}
      onReload={() => void reload()}
      submitLabel="Enregistrer le projet"
      onCancel={onClose}
      busy={loading}
    >
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <CountedText
            label="Métier recherché"
            field="targetJob"
            value={targetJob}
            onChange={setTargetJob}
            fieldErrors={fieldErrors}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Input
            label="Code ROME"
            hintText="Une lettre et quatre chiffres, par exemple K1302."
            {...fieldErrors.state('romeCode')}
            nativeInputProps={{
              ...fieldErrors.native('romeCode'),
              value: romeCode,
              onChange: (e) => setRomeCode(e.target.value.toUpperCase()),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Input
            label="Rayon de mobilité (km)"
            hintText="De 0 à 500 km."
            {...fieldErrors.state('mobilityRadiusKm')}
            nativeInputProps={{
              ...fieldErrors.native('mobilityRadiusKm'),
              type: 'number',
              inputMode: 'numeric',
              value: radius,
              onChange: (e) => setRadius(e.target.value),
            }}
          />
        </div>
      </div>
      <Checkbox
        legend="Contrats recherchés"
        orientation="horizontal"
        options={keysOf(CONTRACT_SOUGHT_LABELS).map((value) => ({
          label: CONTRACT_SOUGHT_LABELS[value],
          nativeInputProps: {
            name: 'contractsSought',
            value,
            checked: sought.includes(value),
            onChange: (e) =>
              setSought((current) =>
                e.target.checked ? [...current, value] : current.filter((c) => c !== value),
              ),
          },
        }))}
      />
    </SectionForm>
  );
}
