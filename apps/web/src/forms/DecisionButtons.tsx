import { Button } from '@codegouvfr/react-dsfr/Button';

/**
 * « Accepter » and « Refuser » under a decision's form (a join request, a person's request):
 * `subject` ends each button's accessible name, so each is unique on a page listing several.
 */
export function DecisionButtons({
  subject,
  busy,
  onDecide,
}: {
  subject: string;
  busy: boolean;
  onDecide: (accept: boolean) => void;
}) {
  return (
    <div className="relais-actions">
      <Button size="small" disabled={busy} onClick={() => onDecide(true)}>
        Accepter<span className="fr-sr-only"> {subject}</span>
      </Button>
      <Button size="small" priority="secondary" disabled={busy} onClick={() => onDecide(false)}>
        Refuser<span className="fr-sr-only"> {subject}</span>
      </Button>
    </div>
  );
}
