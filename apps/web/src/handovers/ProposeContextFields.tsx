import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { TEXT_MAX } from '../forms/field-check';
import { type FieldErrors } from '../forms/useFieldErrors';
import { CHECKBOX_INPUT_STYLE } from './handover-format';
import { PREVIEW_PART_LABELS } from './HandoverPreviewSection';

/** Each field of the summary, at most this many characters (the API's bound). */
export const SUMMARY_MAX = TEXT_MAX.handoverSummary;

type Part = keyof typeof PREVIEW_PART_LABELS;
const PARTS = Object.keys(PREVIEW_PART_LABELS) as Part[];

export interface ProposeContext {
  readonly summarySituation: string;
  readonly summaryDone: string;
  readonly summaryExpected: string;
  readonly previewParts: readonly Part[];
}

export const EMPTY_CONTEXT: ProposeContext = {
  summarySituation: '',
  summaryDone: '',
  summaryExpected: '',
  previewParts: [],
};

const SUMMARY_FIELDS = [
  ['summarySituation', 'Situation de la personne', 'Où en est la personne aujourd’hui.'],
  ['summaryDone', 'Ce qui a été fait', 'Les démarches et actions menées avec elle.'],
  ['summaryExpected', 'Ce qui est attendu', 'Ce que le nouveau référent devrait reprendre.'],
] as const;

export const CONTEXT_LABELS = {
  summarySituation: 'Situation de la personne',
  summaryDone: 'Ce qui a été fait',
  summaryExpected: 'Ce qui est attendu',
  previewParts: 'Parties du dossier consultables avant acceptation',
};

/** The summary for the receiving structure and the parts of the file it may preview. */
export function ProposeContextFields({
  value,
  onChange,
  fieldErrors,
}: {
  value: ProposeContext;
  onChange: (value: ProposeContext) => void;
  /** The proposal's errors (useFieldErrors): a summary field's shows under it. */
  fieldErrors: FieldErrors;
}) {
  const set = (changes: Partial<ProposeContext>) => onChange({ ...value, ...changes });
  return (
    <>
      <div className="fr-fieldset__element">
        <p className="fr-text--bold fr-mb-1w">Synthèse pour la structure d’accueil</p>
        <p className="fr-text--sm fr-mb-1w">
          Facultative, chaque rubrique compte au plus {SUMMARY_MAX.toLocaleString('fr-FR')}{' '}
          caractères. N’y mettez aucune information de santé, de handicap ou de justice.
        </p>
      </div>
      {SUMMARY_FIELDS.map(([field, label, hint]) => (
        <div className="fr-fieldset__element" key={field}>
          <Input
            label={label}
            hintText={hint}
            textArea
            {...fieldErrors.state(field)}
            nativeTextAreaProps={{
              ...fieldErrors.native(field, value[field]),
              value: value[field],
              onChange: (event) => set({ [field]: event.target.value }),
              rows: 3,
            }}
          />
          {fieldErrors.counter(field, value[field])}
        </div>
      ))}
      <div className="fr-fieldset__element">
        <Checkbox
          legend="Parties du dossier consultables avant acceptation"
          hintText="La structure qui accueille peut les lire tant que le passage est proposé. Les notes et les freins sensibles (santé, handicap, justice) ne sont jamais montrés. Chaque consultation est inscrite au journal des accès."
          options={PARTS.map((part) => ({
            label: PREVIEW_PART_LABELS[part],
            nativeInputProps: {
              style: CHECKBOX_INPUT_STYLE,
              name: 'previewParts',
              value: part,
              checked: value.previewParts.includes(part),
              onChange: (event) =>
                set({
                  previewParts: event.target.checked
                    ? [...value.previewParts, part]
                    : value.previewParts.filter((p) => p !== part),
                }),
            },
          }))}
        />
      </div>
    </>
  );
}
