import { Select } from '@codegouvfr/react-dsfr/Select';
import { type FieldErrors } from '../../forms/useFieldErrors';
import { keysOf } from '../labels';

/**
 * A select among the values of a label table (labels.ts), each said in French, in the table's
 * order. With a `placeholder` it starts on none (a first option one cannot choose back); with a
 * `field` and the form's `fieldErrors`, its error stands under it.
 */
export function LabelSelect<Value extends string>({
  label,
  labels,
  value,
  onChange,
  placeholder,
  field,
  fieldErrors,
}: {
  label: string;
  labels: Readonly<Record<Value, string>>;
  value: Value | '';
  onChange: (value: Value) => void;
  placeholder?: string;
  field?: string;
  fieldErrors?: FieldErrors;
}) {
  const checked = field !== undefined && fieldErrors !== undefined;
  return (
    <Select
      label={label}
      {...(checked ? fieldErrors.state(field) : {})}
      nativeSelectProps={{
        ...(checked ? fieldErrors.native(field) : {}),
        value,
        onChange: (e) => onChange(e.target.value as Value),
      }}
    >
      {placeholder !== undefined && (
        <option value="" disabled>
          {placeholder}
        </option>
      )}
      {keysOf(labels).map((key) => (
        <option key={key} value={key}>
          {labels[key]}
        </option>
      ))}
    </Select>
  );
}
