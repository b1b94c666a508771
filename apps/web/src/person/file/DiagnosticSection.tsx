import { useMutation } from '@apollo/client/react';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FormEvent, useState } from 'react';
import { graphql } from '../../api/graphql';
import { EmptyState } from '../../components/PageState';
import { INPUT_RULES } from '../../forms/field-check';
import { CountedText } from '../../forms/CountedText';
import { useFieldErrors } from '../../forms/useFieldErrors';
import {
  formatDate,
  keysOf,
  OBSTACLE_STATUS_LABELS,
  OBSTACLE_THEME_LABELS,
  type ObstacleStatus,
  type ObstacleTheme,
  SENSITIVE_THEMES,
} from '../labels';
import { afterFailure, Redacted, SectionForm, useConfirmation, useFormReload } from './common';
import type { PersonFile, SectionProps } from './query';

const ADD_OBSTACLE = graphql(`
  mutation AddObstacle($input: AddObstacleInput!) {
    addObstacle(input: $input) {
      id
    }
  }
`);

const UPDATE_OBSTACLE = graphql(`
  mutation UpdateObstacle($input: UpdateObstacleInput!) {
    updateObstacle(input: $input) {
      id
      status
      comment
      version
    }
  }
`);

const OBSTACLE_LABELS = { theme: 'Thème', status: 'État', comment: 'Commentaire' };

type Obstacle = PersonFile['obstacles'][number];

export function DiagnosticSection({ person, reload }: SectionProps) {
  const [confirmation, confirm] = useConfirmation();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Obstacle>();
  const [formKey, reloadForm] = useFormReload(reload);
  const canWrite = person.access.canWrite;

  return (
    <section aria-labelledby="diagnostic-titre">
      <h2 id="diagnostic-titre">Diagnostic : freins périphériques</h2>
      {confirmation}
      {person.obstacles.length === 0 ? (
        <EmptyState>Aucun frein n’a été identifié.</EmptyState>
      ) : (
        <div className="fr-table relais-table-wrap">
          <table tabIndex={0}>
            <caption>Freins périphériques</caption>
            <thead>
              <tr>
                <th scope="col">Thème</th>
                <th scope="col">État</th>
                <th scope="col">Commentaire</th>
                <th scope="col">Mis à jour le</th>
                {canWrite && <th scope="col">Action</th>}
              </tr>
            </thead>
            <tbody>
              {person.obstacles.map((obstacle) =>
                obstacle.redacted || !obstacle.theme ? (
                  <tr key={obstacle.id}>
                    <td colSpan={canWrite ? 5 : 4}>
                      <Redacted />
                    </td>
                  </tr>
                ) : (
                  <tr key={obstacle.id}>
                    <td>
                      {OBSTACLE_THEME_LABELS[obstacle.theme]}
                      {obstacle.sensitive && (
                        <>
                          {' '}
                          <Badge small severity="warning" as="span">
                            Sensible
                          </Badge>
                        </>
                      )}
                    </td>
                    <td>{obstacle.status ? OBSTACLE_STATUS_LABELS[obstacle.status] : '—'}</td>
                    <td>{obstacle.comment ?? '—'}</td>
                    <td>{formatDate(obstacle.updatedAt)}</td>
                    {canWrite && (
                      <td>
                        <Button
                          size="small"
                          priority="tertiary"
                          onClick={() => {
                            confirm(undefined);
                            setAdding(false);
                            setEditing(obstacle);
                          }}
                        >
                          Modifier
                          <span className="fr-sr-only">
                            {' '}
                            le frein {OBSTACLE_THEME_LABELS[obstacle.theme]}
                          </span>
                        </Button>
                      </td>
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}

      {canWrite && editing && (
        <EditObstacleForm
          key={`${editing.id}-${formKey}`}
          obstacle={person.obstacles.find((o) => o.id === editing.id) ?? editing}
          reload={reloadForm}
          onClose={() => setEditing(undefined)}
          onDone={() => {
            setEditing(undefined);
            confirm('Frein mis à jour.');
            void reload();
          }}
        />
      )}
      {canWrite && !adding && !editing && (
        <Button
          iconId="fr-icon-add-line"
          priority="secondary"
          onClick={() => {
            confirm(undefined);
            setAdding(true);
          }}
        >
          Ajouter un frein
        </Button>
      )}
      {canWrite && adding && (
        <AddObstacleForm
          person={person}
          reload={reload}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            confirm('Frein ajouté au diagnostic.');
            void reload();
          }}
        />
      )}
    </section>
  );
}

function AddObstacleForm({
  person,
  reload,
  onClose,
  onDone,
}: SectionProps & { onClose: () => void; onDone: () => void }) {
  const taken = new Set(person.obstacles.map((o) => o.theme));
  // One obstacle per theme; sensitive themes only for those who may read them.
  const themes = keysOf(OBSTACLE_THEME_LABELS).filter(
    (theme) =>
      !taken.has(theme) && (person.access.canReadSensitive || !SENSITIVE_THEMES.includes(theme)),
  );
  const [theme, setTheme] = useState<ObstacleTheme | ''>('');
  const [status, setStatus] = useState<ObstacleStatus>('IDENTIFIED');
  const [comment, setComment] = useState('');
  const [add, { error, loading, reset }] = useMutation(ADD_OBSTACLE);
  const fieldErrors = useFieldErrors({
    rules: { theme: { required: true }, ...INPUT_RULES.AddObstacleInput },
    labels: OBSTACLE_LABELS,
    idPrefix: 'frein-ajout',
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = { theme, comment };
    if (!fieldErrors.check(values) || !theme) return;
    try {
      await add({
        variables: {
          input: { personId: person.id, theme, status, comment: comment.trim() || null },
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
      titleId="frein-ajout-titre"
      title="Ajouter un frein"
      onSubmit={(e) => void submit(e)}
      error={error}
      labels={OBSTACLE_LABELS}
      onReload={() => {
        reset();
        void reload();
      }}
      submitLabel="Enregistrer le frein"
      onCancel={onClose}
      busy={loading}
    >
      <Select
        label="Thème (obligatoire)"
        hint={
          person.access.canReadSensitive
            ? 'Santé, handicap et justice sont des informations sensibles.'
            : undefined
        }
        {...fieldErrors.state('theme')}
        nativeSelectProps={{
          ...fieldErrors.native('theme'),
          value: theme,
          onChange: (e) => setTheme(e.target.value as ObstacleTheme | ''),
        }}
      >
        <option value="" disabled>
          Choisir un thème
        </option>
        {themes.map((value) => (
          <option key={value} value={value}>
            {OBSTACLE_THEME_LABELS[value]}
          </option>
        ))}
      </Select>
      <StatusSelect value={status} onChange={setStatus} />
      <CountedText
        label="Commentaire (facultatif)"
        textArea
        field="comment"
        value={comment}
        onChange={setComment}
        fieldErrors={fieldErrors}
      />
    </SectionForm>
  );
}

function EditObstacleForm({
  obstacle,
  reload,
  onClose,
  onDone,
}: {
  obstacle: Obstacle;
  reload: () => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const [version] = useState(obstacle.version ?? 0);
  const [status, setStatus] = useState<ObstacleStatus>(obstacle.status ?? 'IDENTIFIED');
  const [comment, setComment] = useState(obstacle.comment ?? '');
  const [update, { error, loading }] = useMutation(UPDATE_OBSTACLE);
  const theme = obstacle.theme ? OBSTACLE_THEME_LABELS[obstacle.theme] : '';
  const fieldErrors = useFieldErrors({
    rules: INPUT_RULES.UpdateObstacleInput,
    labels: OBSTACLE_LABELS,
    idPrefix: 'frein-modif',
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const values = { comment };
    if (!fieldErrors.check(values)) return;
    try {
      await update({
        variables: {
          input: { obstacleId: obstacle.id, version, status, comment: comment.trim() || null },
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
      titleId="frein-modif-titre"
      title={<>Modifier le frein : {theme}</>}
      className="fr-p-3w fr-mb-3w fr-background-alt--grey"
      onSubmit={(e) => void submit(e)}
      error={error}
      labels={OBSTACLE_LABELS}
      onReload={() => void reload()}
      submitLabel="Enregistrer le frein"
      onCancel={onClose}
      busy={loading}
    >
      <StatusSelect value={status} onChange={setStatus} />
      <CountedText
        label="Commentaire (facultatif)"
        textArea
        field="comment"
        value={comment}
        onChange={setComment}
        fieldErrors={fieldErrors}
      />
    </SectionForm>
  );
}

function StatusSelect({
  value,
  onChange,
}: {
  value: ObstacleStatus;
  onChange: (value: ObstacleStatus) => void;
}) {
  return (
    <Select
      label="État"
      nativeSelectProps={{ value, onChange: (e) => onChange(e.target.value as ObstacleStatus) }}
    >
      {keysOf(OBSTACLE_STATUS_LABELS).map((status) => (
        <option key={status} value={status}>
          {OBSTACLE_STATUS_LABELS[status]}
        </option>
      ))}
    </Select>
  );
}
