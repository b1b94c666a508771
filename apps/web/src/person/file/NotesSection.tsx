import { useMutation } from '@apollo/client/react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { type FormEvent, useState } from 'react';
import { graphql } from '../../api/graphql';
import { FormActions } from '../../components/FormActions';
import { EmptyState, MutationError } from '../../components/PageState';
import { INPUT_RULES } from '../../forms/field-check';
import { type FieldErrors, useFieldErrors } from '../../forms/useFieldErrors';
import { formatDateTime, NOTE_VISIBILITY_LABELS, type NoteVisibility } from '../labels';
import { afterFailure, Redacted, SectionForm, useConfirmation, useFormReload } from './common';
import type { PersonFile, SectionProps } from './query';

const ADD_NOTE = graphql(`
  mutation AddNote($input: AddNoteInput!) {
    addNote(input: $input) {
      id
    }
  }
`);

const EDIT_NOTE = graphql(`
  mutation EditNote($input: EditNoteInput!) {
    editNote(input: $input) {
      id
      body
      visibility
      sensitive
      version
      canEdit
      updatedAt
    }
  }
`);

const NOTE_LABELS = { body: 'Texte de la note', visibility: 'Visible par', sensitive: 'Sensible' };

/** How the author chooses who reads the note. */
const VISIBILITY_CHOICES: { value: NoteVisibility; label: string; hint: string }[] = [
  { value: 'TEAM', label: 'Toute l’équipe', hint: 'Tous les membres de l’équipe de suivi.' },
  {
    value: 'STRUCTURE',
    label: 'Ma structure',
    hint: 'Les membres de l’équipe de votre structure.',
  },
  { value: 'AUTHOR', label: 'Moi uniquement', hint: 'Un pense-bête personnel.' },
];

type Note = PersonFile['notes'][number];

export function NotesSection({ person, reload }: SectionProps) {
  const [confirmation, confirm] = useConfirmation();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string>();
  const [formKey, reloadForm] = useFormReload(reload);
  const canWrite = person.access.canWrite;

  return (
    <section aria-labelledby="notes-titre">
      <h2 id="notes-titre">Notes</h2>
      <p className="fr-text--sm">
        Vous voyez les notes partagées avec toute l’équipe, celles réservées à votre structure et
        les vôtres.
      </p>
      {confirmation}
      {canWrite && !adding && (
        <Button
          iconId="fr-icon-add-line"
          priority="secondary"
          className="fr-mb-3w"
          onClick={() => {
            confirm(undefined);
            setAdding(true);
          }}
        >
          Ajouter une note
        </Button>
      )}
      {canWrite && adding && (
        <AddNoteForm
          person={person}
          reload={reload}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            confirm('Note ajoutée.');
            void reload();
          }}
        />
      )}

      {person.notes.length === 0 ? (
        <EmptyState>Aucune note ne vous est visible dans ce dossier.</EmptyState>
      ) : (
        <ul className="fr-raw-list" aria-label="Notes, de la plus récente à la plus ancienne">
          {person.notes.map((note) => (
            <li key={note.id} className="fr-card fr-p-3w fr-mb-2w">
              <NoteHeader note={note} />
              {note.redacted || note.body == null ? (
                <p className="fr-mb-0">
                  <Redacted />
                </p>
              ) : editing === note.id ? (
                <EditNoteForm
                  key={formKey}
                  note={note}
                  reload={reloadForm}
                  onClose={() => setEditing(undefined)}
                  onDone={() => {
                    setEditing(undefined);
                    confirm('Note modifiée.');
                    void reload();
                  }}
                />
              ) : (
                <p className="fr-mb-0" style={{ whiteSpace: 'pre-wrap' }}>
                  {note.body}
                </p>
              )}
              {canWrite && note.canEdit && editing !== note.id && (
                <Button
                  size="small"
                  priority="tertiary"
                  className="fr-mt-2w"
                  onClick={() => {
                    confirm(undefined);
                    setEditing(note.id);
                  }}
                >
                  Modifier
                  <span className="fr-sr-only"> la note du {formatDateTime(note.createdAt)}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function NoteHeader({ note }: { note: Note }) {
  return (
    <div className="relais-actions fr-mb-1w">
      <p className="fr-text--bold fr-mb-0">
        {note.authorName} ({note.authorStructureName}){note.mine && ' — vous'}
      </p>
      <p className="fr-text--sm fr-mb-0">
        {formatDateTime(note.createdAt)}
        {note.updatedAt !== note.createdAt && ` (modifiée le ${formatDateTime(note.updatedAt)})`}
      </p>
      <Badge small noIcon severity="info" as="span">
        Visible par : {NOTE_VISIBILITY_LABELS[note.visibility]}
      </Badge>
      {note.sensitive && (
        <Badge small severity="warning" as="span">
          Sensible
        </Badge>
      )}
    </div>
  );
}

function VisibilityChoice({
  value,
  onChange,
}: {
  value: NoteVisibility;
  onChange: (value: NoteVisibility) => void;
}) {
  return (
    <RadioButtons
      legend="Visible par"
      orientation="horizontal"
      options={VISIBILITY_CHOICES.map((choice) => ({
        label: choice.label,
        hintText: choice.hint,
        nativeInputProps: {
          value: choice.value,
          checked: value === choice.value,
          onChange: () => onChange(choice.value),
        },
      }))}
    />
  );
}

function SensitiveChoice({
  value,
  onChange,
}: {
  value: boolean;
  onChange: (value: boolean) => void;
}) {
  return (
    <Checkbox
      options={[
        {
          label: 'Note sensible',
          hintText:
            'Santé, handicap, justice, addictions, violences : lue seulement par le référent et les structures habilitées.',
          nativeInputProps: { checked: value, onChange: (e) => onChange(e.target.checked) },
        },
      ]}
    />
  );
}

/** The text of a note, with its counter: 5,000 characters at most, counted, never cut. */
function NoteBodyField({
  fieldErrors,
  label,
  hint,
  value,
  onChange,
}: {
  fieldErrors: FieldErrors;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <Input
        label={label}
        hintText={hint}
        textArea
        {...fieldErrors.state('body')}
        nativeTextAreaProps={{
          ...fieldErrors.native('body', value),
          name: 'note-nouvelle',
          rows: 5,
          value,
          onChange: (e) => onChange(e.target.value),
        }}
      />
      {fieldErrors.counter('body', value)}
    </>
  );
}

function useNoteErrors(idPrefix: string) {
  return useFieldErrors({ rules: INPUT_RULES.AddNoteInput, labels: NOTE_LABELS, idPrefix });
}

function AddNoteForm({
  person,
  reload,
  onClose,
  onDone,
}: SectionProps & { onClose: () => void; onDone: () => void }) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<NoteVisibility>('TEAM');
  const [sensitive, setSensitive] = useState(false);
  const [add, { error, loading, reset }] = useMutation(ADD_NOTE);
  const fieldErrors = useNoteErrors('note-ajout');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!fieldErrors.check({ body })) return;
    try {
      await add({ variables: { input: { personId: person.id, body, visibility, sensitive } } });
      onDone();
    } catch (failure) {
      fieldErrors.refused(failure, { body });
      afterFailure(failure, reload);
    }
  }

  return (
    <SectionForm
      titleId="note-form-titre"
      title="Ajouter une note"
      className="fr-p-3w fr-mb-3w fr-background-alt--grey"
      onSubmit={(e) => void submit(e)}
      error={error}
      labels={NOTE_LABELS}
      onReload={() => {
        reset();
        void reload();
      }}
      submitLabel="Enregistrer la note"
      onCancel={onClose}
      busy={loading}
      fieldErrors={fieldErrors}
    >
      <NoteBodyField
        fieldErrors={fieldErrors}
        label="Texte de la note (obligatoire)"
        hint="N’écrivez que ce qui est utile à l’accompagnement."
        value={body}
        onChange={setBody}
      />
      <VisibilityChoice value={visibility} onChange={setVisibility} />
      <SensitiveChoice value={sensitive} onChange={setSensitive} />
    </SectionForm>
  );
}

/** Its author edits a note within 24 hours; the previous version is kept by the API. */
function EditNoteForm({
  note,
  reload,
  onClose,
  onDone,
}: {
  note: Note;
  reload: () => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const [version] = useState(note.version);
  const [body, setBody] = useState(note.body ?? '');
  const [visibility, setVisibility] = useState<NoteVisibility>(note.visibility);
  const [sensitive, setSensitive] = useState(note.sensitive);
  const [edit, { error, loading }] = useMutation(EDIT_NOTE);
  const fieldErrors = useNoteErrors(`note-${note.id}`);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!fieldErrors.check({ body })) return;
    try {
      await edit({
        variables: { input: { noteId: note.id, version, body, visibility, sensitive } },
      });
      onDone();
    } catch (failure) {
      fieldErrors.refused(failure, { body });
      afterFailure(failure, reload);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Modifier la note" noValidate>
      {fieldErrors.summary}
      {fieldErrors.errors.length === 0 && (
        <MutationError error={error} labels={NOTE_LABELS} onReload={() => void reload()} />
      )}
      <NoteBodyField
        fieldErrors={fieldErrors}
        label="Texte de la note"
        value={body}
        onChange={setBody}
      />
      <VisibilityChoice value={visibility} onChange={setVisibility} />
      <SensitiveChoice value={sensitive} onChange={setSensitive} />
      <FormActions
        submitLabel="Enregistrer la modification"
        onCancel={onClose}
        disabled={loading}
        size="small"
      />
    </form>
  );
}
