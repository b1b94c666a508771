import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { ProConnectButton } from '@codegouvfr/react-dsfr/ProConnectButton';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { usePageTitle } from '../components/usePageTitle';
import {
  AuthRequestError,
  forgetProviderLogout,
  providerLogoutReturn,
  type SessionEndReason,
  signInWithEmail,
} from './session';

/** Where to go back after ProConnect's round trip (it returns to /connexion). */
export const RETURN_TO_KEY = 'relais.returnTo';

interface SignInMethods {
  readonly oidc: boolean;
  readonly devSignIn: boolean;
  readonly demoPersonas: readonly { email: string; name: string; description: string }[];
}

const END_MESSAGES: Partial<Record<SessionEndReason, string>> = {
  expired: 'Votre session a pris fin. Identifiez-vous à nouveau pour continuer.',
  revoked: 'Votre accès a été retiré. Identifiez-vous à nouveau pour continuer.',
  idle: 'Vous avez été déconnecté après une période d’inactivité. Identifiez-vous à nouveau : ce que vous aviez saisi vous sera rendu.',
};

/** Back from ProConnect's logout: both sessions are closed on this computer. */
const PROVIDER_SIGNED_OUT =
  'Déconnexion réussie : votre session Relais et votre session ProConnect sont fermées sur cet ordinateur.';

const RETURN_ERRORS: Record<string, string> = {
  UNAUTHENTICATED: 'ProConnect ne vous a pas identifié, ou votre tentative a expiré : recommencez.',
  FORBIDDEN:
    'Aucun compte Relais ne correspond à cette identité. Demandez une invitation à l’administrateur de votre territoire.',
};

function signInProblem(error: unknown): string {
  if (error instanceof AuthRequestError) {
    if (error.status === 429) return 'Trop de tentatives : patientez une minute, puis réessayez.';
    if (error.status === 401 || error.status === 403 || error.status === 404) {
      return 'Aucun compte actif ne correspond à cette adresse électronique.';
    }
    if (error.status === 400) return 'Le champ « Adresse électronique » n’est pas valide.';
    return 'Relais est momentanément indisponible. Réessayez dans un instant.';
  }
  return 'Impossible de joindre Relais : vérifiez votre connexion, puis réessayez.';
}

function readReturnError(): string | undefined {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const error = fragment.get('erreur') ?? undefined;
  // Out of the address bar and the history at once.
  if (error) window.history.replaceState(null, '', window.location.pathname);
  return error;
}

/** Sign-in: ProConnect when configured; the demo personas in development. */
export function SignInPage({ endReason: endedHere }: { endReason?: SessionEndReason }) {
  usePageTitle('Connexion');
  // Back from ProConnect's logout, a new page: why the session ended comes with it.
  const [providerEndReason] = useState(providerLogoutReturn);
  const endReason = providerEndReason ?? endedHere;
  useEffect(() => {
    if (providerEndReason) forgetProviderLogout();
  }, [providerEndReason]);
  const navigate = useNavigate();
  const location = useLocation();
  const [methods, setMethods] = useState<SignInMethods>();
  const [loadError, setLoadError] = useState(false);
  // Back from ProConnect with an error code (a success comes back signed in, by the cookie).
  const [returnedError] = useState(readReturnError);
  const [problem, setProblem] = useState<string | undefined>(() =>
    returnedError
      ? (RETURN_ERRORS[returnedError] ?? 'La connexion avec ProConnect a échoué : recommencez.')
      : undefined,
  );
  const [busy, setBusy] = useState(false);
  // The invitation email's development link names the invited address (/connexion?email=…).
  const [email, setEmail] = useState(() => new URLSearchParams(location.search).get('email') ?? '');
  // Where to go once signed in: where the session ended, or the link opened while signed out.
  const here = `${location.pathname}${location.search}`;
  const from =
    (location.state as { from?: string } | null)?.from ??
    (location.pathname === '/connexion' ? undefined : here);

  useEffect(() => {
    const controller = new AbortController();
    fetch('/auth/methods', { signal: controller.signal })
      .then((response) =>
        response.ok ? (response.json() as Promise<SignInMethods>) : Promise.reject(new Error()),
      )
      .then(setMethods, () => !controller.signal.aborted && setLoadError(true));
    return () => controller.abort();
  }, []);

  async function signInAs(address: string) {
    setBusy(true);
    setProblem(undefined);
    try {
      await signInWithEmail(address);
      void navigate(from && from !== '/connexion' ? from : '/', { replace: true });
    } catch (error) {
      setProblem(signInProblem(error));
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) {
      setProblem('Le champ « Adresse électronique » est obligatoire.');
      return;
    }
    void signInAs(email.trim());
  }

  return (
    // Inside the signed-out layout (app/SiteChrome.tsx), which gives the header and footer.
    <div className="fr-grid-row fr-grid-row--center fr-py-2w">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <h1>Connexion à Relais</h1>
        <p className="fr-text--lead">
          Le carnet de parcours partagé des personnes accompagnées par le service public de
          l’insertion et de l’emploi.
        </p>
        {providerEndReason && (
          <Alert severity="success" small className="fr-mb-3w" description={PROVIDER_SIGNED_OUT} />
        )}
        {endReason && END_MESSAGES[endReason] && (
          <Alert severity="info" small className="fr-mb-3w" description={END_MESSAGES[endReason]} />
        )}
        {problem && (
          <Alert severity="error" small className="fr-mb-3w" description={problem} role="alert" />
        )}
        {loadError && (
          <Alert
            severity="error"
            small
            className="fr-mb-3w"
            description="Impossible de joindre Relais : vérifiez votre connexion, puis rechargez la page."
          />
        )}
        {!methods && !loadError && <p role="status">Chargement…</p>}
        {methods?.oidc && (
          <section className="fr-mb-6w" aria-labelledby="proconnect-title">
            <h2 id="proconnect-title" className="fr-h4">
              Professionnels et agents
            </h2>
            <ProConnectButton
              onClick={() => {
                if (from && from !== '/connexion') sessionStorage.setItem(RETURN_TO_KEY, from);
                window.location.assign('/auth/oidc/login?client=web');
              }}
            />
          </section>
        )}
        {methods?.devSignIn && (
          <section aria-labelledby="demo-title">
            <h2 id="demo-title" className="fr-h4">
              Comptes de démonstration
            </h2>
            <p>
              Environnement de démonstration : choisissez une personne pour vous connecter sans mot
              de passe.
            </p>
            <ul className="fr-grid-row fr-grid-row--gutters fr-raw-list">
              {methods.demoPersonas.map((persona) => (
                <li key={persona.email} className="fr-col-12 fr-col-sm-6">
                  <div className="fr-card fr-card--sm fr-enlarge-button">
                    <div className="fr-card__body">
                      <div className="fr-card__content">
                        <h3 className="fr-card__title">
                          <button
                            type="button"
                            disabled={busy}
                            onClick={() => void signInAs(persona.email)}
                          >
                            {persona.name}
                          </button>
                        </h3>
                        <p className="fr-card__desc">{persona.description}</p>
                        <p className="fr-card__detail">{persona.email}</p>
                      </div>
                    </div>
                  </div>
                </li>
              ))}
            </ul>
            <form onSubmit={submit} className="fr-mt-4w" noValidate>
              <Input
                label="Adresse électronique"
                hintText="Ou tout autre compte de démonstration"
                nativeInputProps={{
                  type: 'email',
                  autoComplete: 'email',
                  value: email,
                  onChange: (event) => setEmail(event.target.value),
                }}
              />
              <Button type="submit" disabled={busy}>
                Se connecter
              </Button>
            </form>
            {/* Development only, as the demo sign-in: the emails Relais would have sent. */}
            <p className="fr-mt-4w">
              Les invitations et notifications envoyées par courriel se lisent sur la page{' '}
              <Link to="/dev/courriels">Courriels envoyés</Link>.
            </p>
          </section>
        )}
        {methods && !methods.oidc && !methods.devSignIn && (
          <Alert
            severity="warning"
            title="Aucun moyen de connexion n’est configuré"
            description="L’administrateur de Relais doit configurer ProConnect (variables OIDC_*)."
          />
        )}
      </div>
    </div>
  );
}
