import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { FranceConnectButton } from '@codegouvfr/react-dsfr/FranceConnectButton';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { type FormEvent, useEffect, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import {
  AuthRequestError,
  type CodeChallenge,
  forgetProviderLogout,
  providerLogoutReturn,
  requestPersonCode,
  type SessionEndReason,
} from '../auth/session';
import { usePageTitle } from '../components/usePageTitle';
import { CodeForm } from './CodeForm';

function emailProblem(error: unknown): string {
  if (error instanceof AuthRequestError) {
    if (error.status === 400) return 'Cette adresse électronique n’est pas valide.';
    if (error.status === 429) return 'Trop d’essais. Attendez une minute, puis réessayez.';
    return 'Relais ne répond pas pour le moment. Réessayez dans un instant.';
  }
  return 'Impossible de joindre Relais. Vérifiez votre connexion à internet, puis réessayez.';
}

/** Why the person is back here, when their session ended without them signing out. */
const END_MESSAGES: Partial<Record<SessionEndReason, string>> = {
  idle: 'Votre connexion a pris fin, car vous n’avez rien fait pendant un moment. Connectez-vous à nouveau.',
  expired: 'Votre connexion a pris fin. Connectez-vous à nouveau.',
  revoked: 'Votre espace a été fermé par votre référent.',
};

/** Back from FranceConnect's logout: nobody else can come in with FranceConnect's session. */
const FRANCECONNECT_SIGNED_OUT =
  'Déconnexion réussie : votre espace et votre session FranceConnect sont fermés sur cet appareil.';

/** Whether FranceConnect is offered (GET /auth/methods); false until known or when it fails. */
function useFranceConnect(): boolean {
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/auth/methods', { signal: controller.signal })
      .then((response) => response.json() as Promise<{ franceConnect?: boolean }>)
      .then(
        (methods) => setOffered(methods.franceConnect === true),
        () => undefined,
      );
    return () => controller.abort();
  }, []);
  return offered;
}

/**
 * `/mon-espace/connexion`: the person's sign-in once their space is open: FranceConnect when
 * offered, else a code sent to the address they gave their referent.
 */
export function SpaceSignInPage() {
  usePageTitle('Se connecter à mon espace');
  const [params] = useSearchParams();
  const franceConnect = useFranceConnect();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [challenge, setChallenge] = useState<CodeChallenge>();
  const notFound = params.get('erreur') === 'franceconnect';
  // Back from FranceConnect's logout, a new page: why the session ended comes with it.
  const [providerEndReason] = useState(providerLogoutReturn);
  const location = useLocation();
  const endReason =
    providerEndReason ?? (location.state as { endReason?: SessionEndReason } | null)?.endReason;
  useEffect(() => {
    if (providerEndReason) forgetProviderLogout();
  }, [providerEndReason]);
  const ended = endReason && END_MESSAGES[endReason];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) {
      setProblem('Écrivez votre adresse électronique.');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      setChallenge(await requestPersonCode(email.trim()));
    } catch (error) {
      setProblem(emailProblem(error));
    }
    setBusy(false);
  }

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Se connecter à mon espace</h1>
        <p>
          Dans votre espace, vous voyez votre parcours, vos rendez-vous et qui a consulté votre
          dossier.
        </p>
        {providerEndReason && (
          <Alert
            severity="success"
            small
            className="fr-mb-3w"
            description={FRANCECONNECT_SIGNED_OUT}
          />
        )}
        {ended && <Alert severity="info" small className="fr-mb-3w" description={ended} />}
        {notFound && (
          <Alert
            severity="warning"
            as="h2"
            className="fr-mb-4w"
            title="Nous n’avons pas trouvé votre dossier"
            description="FranceConnect vous a bien reconnu, mais aucun espace ouvert ne correspond à votre identité. Demandez à votre référent d’activer votre espace."
          />
        )}
        {franceConnect && (
          <section aria-labelledby="franceconnect-titre" className="fr-mb-4w">
            <h2 id="franceconnect-titre" className="fr-h4">
              Avec FranceConnect
            </h2>
            <p>
              FranceConnect vous permet d’utiliser un compte que vous avez déjà : impots.gouv.fr,
              ameli.fr, l’Identité Numérique La Poste…
            </p>
            <FranceConnectButton url="/auth/person/franceconnect" />
          </section>
        )}
        <section aria-labelledby="code-titre">
          <h2 id="code-titre" className="fr-h4">
            Avec un code reçu par courriel
          </h2>
          {challenge ? (
            <>
              <p role="status">
                Si cette adresse est celle de votre espace, vous allez recevoir un code par
                courriel. Regardez aussi dans les courriers indésirables.
              </p>
              <CodeForm challenge={challenge} />
              <Button
                priority="tertiary"
                className="fr-mt-2w"
                onClick={() => setChallenge(undefined)}
              >
                Changer d’adresse ou recevoir un autre code
              </Button>
            </>
          ) : (
            <form onSubmit={(event) => void submit(event)} noValidate>
              <Input
                label="Votre adresse électronique"
                hintText="Celle que vous avez donnée à votre référent. Exemple : nom@exemple.fr"
                state={problem ? 'error' : 'default'}
                stateRelatedMessage={problem}
                nativeInputProps={{
                  name: 'email',
                  type: 'email',
                  autoComplete: 'email',
                  value: email,
                  onChange: (event) => setEmail(event.target.value),
                }}
              />
              <Button type="submit" disabled={busy}>
                Recevoir un code
              </Button>
            </form>
          )}
        </section>
      </div>
    </div>
  );
}
