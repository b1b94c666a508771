import { useMutation, useQuery } from '@apollo/client/react';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useState } from 'react';
import { graphql, type ResultOf } from '../api/graphql';
import { useMe } from '../app/me';
import { MutationError, PageState } from '../components/PageState';
import { usePageTitle } from '../components/usePageTitle';
import { WorkPhoneForm } from './WorkPhoneForm';

const EMAIL_PREFERENCES_QUERY = graphql(`
  query EmailPreferences {
    emailPreferences {
      category
      label
      mode
      isDefault
    }
  }
`);

const SET_EMAIL_PREFERENCE = graphql(`
  mutation SetEmailPreference($category: EmailCategory!, $mode: EmailMode!) {
    setEmailPreference(category: $category, mode: $mode) {
      category
      label
      mode
      isDefault
    }
  }
`);

type Preference = ResultOf<typeof EMAIL_PREFERENCES_QUERY>['emailPreferences'][number];
type Mode = Preference['mode'];

const MODES: readonly { value: Mode; label: string }[] = [
  { value: 'IMMEDIATE', label: 'Immédiatement' },
  { value: 'DIGEST', label: 'Dans le récapitulatif quotidien' },
  { value: 'NEVER', label: 'Jamais' },
];

function modeLabel(mode: Mode): string {
  return MODES.find((choice) => choice.value === mode)?.label ?? mode;
}

/** "Mon compte": who you are, and when Relais writes to you, category by category. */
export function AccountPage() {
  usePageTitle('Mon compte');
  const { me } = useMe();
  const { data, error, loading, refetch } = useQuery(EMAIL_PREFERENCES_QUERY, {
    fetchPolicy: 'cache-and-network',
  });
  const [save, saving] = useMutation(SET_EMAIL_PREFERENCE, {
    // The list has no ids to merge by: read it again, with the default flags.
    refetchQueries: [EMAIL_PREFERENCES_QUERY],
    awaitRefetchQueries: true,
  });
  const [saved, setSaved] = useState<string>();

  async function choose(preference: Preference, mode: Mode) {
    setSaved(undefined);
    try {
      const result = await save({ variables: { category: preference.category, mode } });
      const now = result.data?.setEmailPreference;
      if (now)
        setSaved(
          `Préférence enregistrée : « ${now.label} », ${modeLabel(now.mode).toLowerCase()}.`,
        );
    } catch {
      // Shown by MutationError below, from the mutation's state.
    }
  }

  const preferences = data?.emailPreferences;
  return (
    <>
      <h1>Mon compte</h1>
      <p>
        {me.givenName} {me.familyName} — {me.email}
      </p>
      <WorkPhoneForm />
      <h2>Courriels</h2>
      <p>
        Choisissez, pour chaque catégorie, quand Relais vous écrit. Les invitations sont toujours
        envoyées. Chaque courriel contient aussi un lien pour ne plus recevoir sa catégorie.
      </p>
      {!preferences && <PageState loading={loading} error={error} retry={() => void refetch()} />}
      <div aria-live="polite" role="status">
        {saved && <Alert severity="success" small className="fr-mb-2w" description={saved} />}
      </div>
      <div role="alert">
        <MutationError error={saving.error} />
      </div>
      {preferences?.map((preference) => (
        <RadioButtons
          key={preference.category}
          legend={preference.label}
          hintText={preference.isDefault ? 'Réglage par défaut' : undefined}
          name={`email-${preference.category}`}
          disabled={saving.loading}
          options={MODES.map((choice) => ({
            label: choice.label,
            nativeInputProps: {
              value: choice.value,
              checked: preference.mode === choice.value,
              onChange: () => void choose(preference, choice.value),
            },
          }))}
        />
      ))}
    </>
  );
}
