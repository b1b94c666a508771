/** Proposes a handover of the person (a dialog opened from the person's file). */
export function ProposeHandoverButton({ personId }: { personId: string; version: number }) {
  return <span data-person={personId} />;
}
