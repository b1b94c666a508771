import { LegalPage } from './LegalPage';
import { Fact, useLegalNotice } from './legal-notice';

const BOTH = '1280 px et 320 px';

/** The screens axe-core checks in the browser tests (test/web), at 1280 px and at 320 px. */
const CHECKED_SCREENS = [
  ['Connexion, et les pages de ce pied de page', BOTH],
  ['À traiter (professionnel, chargé d’orientation, administrateurs)', BOTH],
  ['Mes accompagnements, en liste et en cartes, triés et filtrés', BOTH],
  ['Rechercher une personne, et ses résultats', BOTH],
  ['Dossier de parcours : chacune de ses parties, le dossier à imprimer', BOTH],
  ['Dossier refusé ou introuvable', '1280 px'],
  ['Passages de relais, un passage, sa proposition et son acceptation', BOTH],
  ['Demandes, notifications, Mon compte', BOTH],
  ['Administration : structures, comptes, rattachements et rôles, clients API, journaux', BOTH],
  ['Avertissement avant déconnexion pour inactivité', '1280 px'],
] as const;

/** RGAA criteria that axe-core's rules test in part (a rule never covers a criterion whole). */
const AUTOMATED_CRITERIA = [
  '1.1 et 1.2 : alternative textuelle des images',
  '3.2 : contraste du texte',
  '5.6 et 5.7 : en-têtes des tableaux de données',
  '6.2 : intitulé des liens',
  '7.1 : nom, rôle et attributs ARIA des composants',
  '8.2 : validité du code (identifiants en double, imbrication des listes)',
  '8.3 et 8.4 : langue de la page',
  '8.5 : titre de la page',
  '9.1 : structure des titres',
  '11.1 et 11.2 : étiquettes des champs de formulaire',
  '12.6 et 12.7 : zones de la page et lien d’évitement',
] as const;

/** Déclaration d'accessibilité, following the RGAA's model; honest until an audit is made. */
export function AccessibilityPage() {
  const notice = useLegalNotice();
  return (
    <LegalPage title="Déclaration d’accessibilité">
      <p className="fr-text--lead">
        <Fact value={notice.editor} missing="nom du conseil départemental" /> s’engage à rendre
        Relais accessible, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>Cette déclaration s’applique à Relais, le carnet de parcours partagé.</p>

      <h2>État de conformité</h2>
      <p>
        <strong>Relais est non conforme</strong> avec le référentiel général d’amélioration de
        l’accessibilité (RGAA), version 4.1.2 : aucun audit de conformité n’a encore été réalisé.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        Faute d’audit, aucun taux de conformité ne peut être annoncé. Des tests automatiques sont
        passés à chaque modification de Relais : axe-core examine les écrans ci-dessous dans
        Chromium, sur un écran de bureau (1280 pixels de large) et sur un petit écran (320 pixels).
        Aucun défaut grave ou critique n’est accepté. Ces tests couvrent une partie seulement des
        critères suivants :
      </p>
      <ul>
        {AUTOMATED_CRITERIA.map((criterion) => (
          <li key={criterion}>{criterion}</li>
        ))}
      </ul>
      <div className="fr-table relais-table-wrap">
        <table>
          <caption>Écrans vérifiés automatiquement</caption>
          <thead>
            <tr>
              <th scope="col">Écran</th>
              <th scope="col">Largeurs</th>
            </tr>
          </thead>
          <tbody>
            {CHECKED_SCREENS.map(([screen, widths]) => (
              <tr key={screen}>
                <td>{screen}</td>
                <td>{widths}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Contenus non accessibles</h2>
      <p>
        Sans audit, les non-conformités ne sont pas encore toutes connues. Celles que les tests
        automatiques ne peuvent pas voir (pertinence des alternatives et des titres, ordre de
        lecture, restitution par les lecteurs d’écran) restent à vérifier à la main. Aucun contenu
        n’est exempté ni ne fait l’objet d’une dérogation pour charge disproportionnée.
      </p>

      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le 7 décembre 2026.</p>
      <h3>Technologies utilisées</h3>
      <ul>
        <li>HTML5, CSS et WAI-ARIA</li>
        <li>JavaScript (React), avec le système de design de l’État (DSFR)</li>
      </ul>
      <h3>Environnement de test</h3>
      <ul>
        <li>Chromium (Debian), piloté par Playwright, en français</li>
        <li>Écran de bureau (1280 × 900) et petit écran (320 × 720)</li>
      </ul>
      <h3>Outils pour évaluer l’accessibilité</h3>
      <ul>
        <li>axe-core 4.13, par @axe-core/playwright, dans les tests du navigateur</li>
        <li>Parcours au clavier seul de la connexion au dossier, dans les mêmes tests</li>
      </ul>
      <h3>Pages du site ayant fait l’objet de la vérification</h3>
      <p>Les écrans du tableau « Écrans vérifiés automatiquement » ci-dessus.</p>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez le responsable de
        Relais pour être orienté vers une alternative accessible ou obtenir le contenu sous une
        autre forme :{' '}
        <Fact value={notice.accessibilityContact} missing="adresse électronique ou formulaire" />.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous avez signalé un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à
        un service et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le
        Défenseur des droits :
      </p>
      <ul>
        <li>par le formulaire en ligne de defenseurdesdroits.fr ;</li>
        <li>en contactant le délégué ou la déléguée du Défenseur des droits de votre région ;</li>
        <li>
          par courrier, gratuit et sans affranchissement : Défenseur des droits, Libre réponse
          71120, 75342 Paris Cedex 07.
        </li>
      </ul>
    </LegalPage>
  );
}
