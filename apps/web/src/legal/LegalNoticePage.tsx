import { Link } from 'react-router';
import { Fact, useLegalNotice } from './legal-notice';
import { LEGAL_PATHS } from './legal-paths';
import { LegalPage } from './LegalPage';

/** Mentions légales: who edits, publishes and hosts this deployment of Relais. */
export function LegalNoticePage() {
  const notice = useLegalNotice();
  return (
    <LegalPage title="Mentions légales">
      <p className="fr-text--lead">
        Relais est le carnet de parcours partagé du service public de l’insertion et de l’emploi.
        Chaque département qui le déploie en est l’éditeur pour son territoire.
      </p>
      <h2>Éditeur</h2>
      <p>
        <Fact value={notice.editor} missing="nom et adresse du conseil départemental" />
      </p>
      <h2>Direction de la publication</h2>
      <p>
        <Fact
          value={notice.publicationDirector}
          missing="nom et fonction de la personne qui dirige la publication"
        />
      </p>
      <h2>Hébergement</h2>
      <p>
        <Fact value={notice.host} missing="nom, adresse et téléphone de l’hébergeur" />
      </p>
      <h2>Protection des données</h2>
      <p>
        Ce que Relais fait des données des personnes accompagnées et des professionnels, et comment
        exercer ses droits : <Link to={LEGAL_PATHS.personalData}>Données personnelles</Link>. Les
        seuls cookies déposés sont décrits sur la page{' '}
        <Link to={LEGAL_PATHS.cookies}>Gestion des cookies</Link>.
      </p>
      <h2>Accessibilité</h2>
      <p>
        L’état de conformité de Relais au référentiel général d’amélioration de l’accessibilité
        (RGAA) et le moyen de signaler un problème sont donnés par la{' '}
        <Link to={LEGAL_PATHS.accessibility}>déclaration d’accessibilité</Link>.
      </p>
      <h2>Réutilisation des contenus</h2>
      <p>
        Sauf mention contraire, les textes de ce site sont publiés sous licence Etalab 2.0. Les
        informations des dossiers de parcours ne sont pas des contenus publics : elles sont
        couvertes par le secret professionnel.
      </p>
    </LegalPage>
  );
}
