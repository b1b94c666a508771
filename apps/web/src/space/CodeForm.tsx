import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { AuthRequestError, type CodeChallenge, signInPerson } from '../auth/session';

/** Why a code did not open the space, in plain words, and whether a new code is needed. */
function codeProblem(error: unknown): { text: string; newCode: boolean } {
  if (error instanceof AuthRequestError) {
    if (error.reason === 'PERSON_CODE_WRONG') {
      return {
        text: 'Ce code n’est pas le bon. Vérifiez les 6 chiffres du dernier courriel reçu.',
        newCode: false,
      };
    }
    if (error.reason === 'PERSON_CODE_EXPIRED') {
      return {
        text: 'Ce code ne marche plus. Un code sert une seule fois, pendant 10 minutes. Demandez un nouveau code.',
        newCode: true,
      };
    }
    if (error.status === 429) {
      return { text: 'Trop d’essais. Attendez une minute, puis réessayez.', newCode: false };
    }
    if (error.status === 400) {
      return { text: 'Le code est fait de 6 chiffres, sans espace.', newCode: false };
    }
    return {
      text: 'Relais ne répond pas pour le moment. Réessayez dans un instant.',
      newCode: false,
    };
  }
  return {
    text: 'Impossible de joindre Relais. Vérifiez votre connexion à internet, puis réessayez.',
    newCode: false,
  };
}

/**
 * The second step of the person's sign-in: the 6-digit code emailed to them. Once right, the
 * browser holds the person's session and the space opens.
 */
export function CodeForm({ challenge }: { challenge: CodeChallenge }) {
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ text: string; newCode: boolean }>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const typed = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(typed)) {
      setProblem({ text: 'Le code est fait de 6 chiffres, sans espace.', newCode: false });
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await signInPerson(challenge.challenge, typed);
      void navigate('/mon-espace', { replace: true });
    } catch (error) {
      setProblem(codeProblem(error));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Input
        label="Code reçu par courriel"
        hintText="6 chiffres. Le code marche pendant 10 minutes."
        state={problem ? 'error' : 'default'}
        stateRelatedMessage={problem?.text}
        nativeInputProps={{
          name: 'code',
          inputMode: 'numeric',
          autoComplete: 'one-time-code',
          maxLength: 8,
          value: code,
          onChange: (event) => setCode(event.target.value),
        }}
      />
      <div role="alert">
        {problem?.newCode && (
          <Alert
            severity="info"
            small
            className="fr-mb-2w"
            description={
              <Link to="/mon-espace/connexion" reloadDocument>
                Recevoir un nouveau code par courriel
              </Link>
            }
          />
        )}
      </div>
      <Button type="submit" disabled={busy}>
        Ouvrir mon espace
      </Button>
    </form>
  );
}
