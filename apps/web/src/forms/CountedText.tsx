import { Input } from '@codegouvfr/react-dsfr/Input';
import type { ReactNode } from 'react';
import type { FieldErrors } from './useFieldErrors';

/**
 * A bounded text field (a line, or a `textArea`): its error under it (useFieldErrors), and its
 * character counter when the text is long or near its limit.
 */
export function CountedText({
  label,
  hintText,
  field,
  value,
  onChange,
  fieldErrors,
  textArea = false,
}: {
  label: ReactNode;
  hintText?: ReactNode;
  field: string;
  value: string;
  onChange: (value: string) => void;
  fieldErrors: FieldErrors;
  textArea?: boolean;
}) {
  const native = { ...fieldErrors.native(field, value), value };
  return (
    <>
      {textArea ? (
        <Input
          label={label}
          hintText={hintText}
          textArea
          {...fieldErrors.state(field)}
          nativeTextAreaProps={{ ...native, onChange: (e) => onChange(e.target.value) }}
        />
      ) : (
        <Input
          label={label}
          hintText={hintText}
          {...fieldErrors.state(field)}
          nativeInputProps={{ ...native, onChange: (e) => onChange(e.target.value) }}
        />
      )}
      {fieldErrors.counter(field, value)}
    </>
  );
}
