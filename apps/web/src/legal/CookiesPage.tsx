import { LegalPage } from './LegalPage';

const COOKIES = [
  {
    name: 'relais_refresh',
    purpose:
      'Garde votre session ouverte d’un onglet à l’autre et d’une page à l’autre, sans que les scripts de la page puissent la lire.',
    duration:
      'Jusqu’à la fin de la session : à la déconnexion, après une période d’inactivité ou au plus tard à la durée maximale fixée par le département (12 heures par défaut).',
  },
  {
    name: 'relais_oidc_attempt',
    purpose: 'Relie le retour de ProConnect à la demande de connexion partie de Relais.',
    duration: '10 minutes au plus, effacé dès le retour de ProConnect.',
  },
  {
    name: 'relais_oidc_web',
    purpose: 'Ramène à Relais après une connexion par ProConnect commencée dans le navigateur.',
    duration: '10 minutes au plus, effacé dès le retour de ProConnect.',
  },
] as const;

/** Gestion des cookies: only what the sign-in needs, so no consent to ask. */
export function CookiesPage() {
  return (
    <LegalPage title="Gestion des cookies">
      <p className="fr-text--lead">
        Relais ne dépose que les cookies strictement nécessaires à la connexion. Il n’y a ni mesure
        d’audience, ni publicité, ni service tiers : aucun consentement n’est à recueillir, et c’est
        pourquoi aucun bandeau ne vous le demande.
      </p>
      <h2>Les cookies déposés</h2>
      {/* One block each, rather than a table that would scroll on a narrow screen. */}
      {COOKIES.map((cookie) => (
        <section key={cookie.name} aria-labelledby={`cookie-${cookie.name}`}>
          <h3 id={`cookie-${cookie.name}`} className="fr-h5">
            <code>{cookie.name}</code>
          </h3>
          <p className="fr-mb-1w">{cookie.purpose}</p>
          <p>Durée : {cookie.duration}</p>
        </section>
      ))}
      <p>
        Ces cookies sont réservés à Relais (aucun autre site ne les reçoit) et ne suivent pas votre
        navigation. Ils sont exemptés de consentement, comme le prévoit l’article 82 de la loi
        Informatique et Libertés pour ce qui est strictement nécessaire au service demandé.
      </p>
      <h2>Ce que garde l’onglet</h2>
      <p>
        Le temps d’un onglet ouvert, le navigateur garde aussi quelques informations qui
        disparaissent à sa fermeture : la page à retrouver après la connexion, ce que vous étiez en
        train de saisir si la session a pris fin pendant la saisie, et, pour les administrateurs, le
        territoire ou la structure choisis.
      </p>
      <h2>Les refuser</h2>
      <p>
        Votre navigateur permet de bloquer les cookies ; sans eux, la connexion à Relais n’est pas
        possible.
      </p>
    </LegalPage>
  );
}
