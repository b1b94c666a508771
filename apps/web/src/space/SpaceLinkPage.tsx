import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { AuthRequestError, type CodeChallenge, openPersonLink } from '../auth/session';
import { usePageTitle } from '../components/usePageTitle';
import { CodeForm } from './CodeForm';

/** The link opened in this tab: asked once (a link works once), whatever renders it again. */
let opening: Promise<CodeChallenge> | undefined;

/**
 * The token is the whole fragment (`/mon-espace/lien#<token>`): never sent to a server by the
 * browser, taken out of the address bar and the history at once, posted once.
 */
function openLinkOnce(): Promise<CodeChallenge> {
  const token = window.location.hash.slice(1).trim();
  if (token) {
    window.history.replaceState(null, '', window.location.pathname);
    opening = openPersonLink(token);
  }
  return opening ?? Promise.reject(new AuthRequestError(400, 'PERSON_LINK_INVALID'));
}

type LinkProblem = 'expired' | 'used' | 'invalid' | 'busy' | 'unreachable';

function linkProblem(error: unknown): LinkProblem {
  if (!(error instanceof AuthRequestError)) return 'unreachable';
  if (error.reason === 'PERSON_LINK_EXPIRED') return 'expired';
  if (error.reason === 'PERSON_LINK_USED') return 'used';
  if (error.status === 429) return 'busy';
  if (error.status >= 500) return 'unreachable';
  return 'invalid';
}

const PROBLEMS: Record<LinkProblem, { title: string; text: string }> = {
  expired: {
    title: 'Ce lien a expiré',
    text: 'Un lien d’invitation marche pendant 7 jours. Celui-ci est plus ancien.',
  },
  used: {
    title: 'Ce lien a déjà servi',
    text: 'Un lien d’invitation marche une seule fois, et celui-ci a déjà été ouvert.',
  },
  invalid: {
    title: 'Ce lien ne marche pas',
    text: 'Le lien est peut-être incomplet. Ouvrez-le depuis le courriel, en entier.',
  },
  busy: {
    title: 'Trop d’essais',
    text: 'Attendez une minute, puis ouvrez à nouveau le lien du courriel.',
  },
  unreachable: {
    title: 'Relais ne répond pas',
    text: 'Vérifiez votre connexion à internet, puis ouvrez à nouveau le lien du courriel.',
  },
};

/** `/mon-espace/lien#<token>`: the referent's invitation, then the code emailed to the person. */
export function SpaceLinkPage() {
  usePageTitle('Ouvrir mon espace');
  const [challenge, setChallenge] = useState<CodeChallenge>();
  const [problem, setProblem] = useState<LinkProblem>();

  useEffect(() => {
    let current = true;
    openLinkOnce().then(
      (answer) => current && setChallenge(answer),
      (error: unknown) => current && setProblem(linkProblem(error)),
    );
    return () => {
      current = false;
    };
  }, []);

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Ouvrir mon espace</h1>
        <div aria-live="polite">
          {!challenge && !problem && <p>Nous vérifions votre lien…</p>}
          {challenge && (
            <p className="fr-text--lg">
              Nous venons de vous envoyer un code par courriel. Recopiez ce code ci-dessous pour
              ouvrir votre espace.
            </p>
          )}
        </div>
        {challenge && <CodeForm challenge={challenge} />}
        {problem && (
          <>
            <Alert
              severity="warning"
              as="h2"
              title={PROBLEMS[problem].title}
              description={PROBLEMS[problem].text}
              className="fr-mb-4w"
            />
            <h2 className="fr-h4">Que faire ?</h2>
            <ul>
              <li className="fr-mb-2w">
                Vous avez déjà ouvert votre espace ? Demandez un code par courriel :{' '}
                <Link to="/mon-espace/connexion">recevoir un code</Link>.
              </li>
              <li>
                Sinon, demandez à votre référent de vous envoyer une nouvelle invitation. Votre
                référent est la personne qui vous accompagne.
              </li>
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
