import { Link } from 'react-router';
import { Fact, useLegalNotice } from './legal-notice';
import { LEGAL_PATHS } from './legal-paths';
import { LegalPage } from './LegalPage';

/** Données personnelles: the processing as the RGPD asks it be told (articles 13 and 14). */
export function PersonalDataPage() {
  const notice = useLegalNotice();
  return (
    <LegalPage title="Données personnelles">
      <p className="fr-text--lead">
        Relais réunit dans un dossier de parcours unique ce que les professionnels qui accompagnent
        une personne doivent savoir pour l’aider, et rien de plus.
      </p>

      <h2>Responsable du traitement</h2>
      <p>
        Le département qui déploie Relais sur son territoire :{' '}
        <Fact value={notice.editor} missing="nom et adresse du conseil départemental" />.
      </p>
      <p>
        Délégué ou déléguée à la protection des données :{' '}
        <Fact value={notice.dpoContact} missing="adresse électronique ou postale du délégué" />.
      </p>

      <h2>Pourquoi ces données sont traitées</h2>
      <ul>
        <li>
          Coordonner l’accompagnement social et professionnel d’une personne entre les structures
          qui la suivent : diagnostic, projet, plan d’action, rendez-vous, notes.
        </li>
        <li>
          Orienter la personne et organiser les passages de relais d’une structure à une autre, sans
          qu’elle ait à répéter son histoire.
        </li>
        <li>Prévenir les professionnels de ce qui les attend (notifications et courriels).</li>
        <li>
          Tracer chaque consultation et chaque modification d’un dossier (journal des accès), pour
          que la personne et le département sachent qui l’a lu.
        </li>
        <li>Gérer les comptes des professionnels, leurs rattachements et leurs droits.</li>
      </ul>

      <h2>Sur quelles bases</h2>
      <ul>
        <li>
          Une mission d’intérêt public (article 6.1.e du RGPD) : l’accompagnement des personnes en
          insertion confié au département par le code de l’action sociale et des familles et par la
          loi n° 2023-1196 du 18 décembre 2023 pour le plein emploi.
        </li>
        <li>
          Le secret professionnel partagé (article L.121-6-2 du code de l’action sociale et des
          familles) : les professionnels qui suivent une même personne ne partagent que ce qui est
          strictement nécessaire à son accompagnement.
        </li>
        <li>
          Pour les données sensibles, la prise en charge sociale (article 9.2.h du RGPD) : elles ne
          sont visibles que du référent et des membres de l’équipe de suivi des structures sociales.
        </li>
      </ul>

      <h2>Quelles données</h2>
      <ul>
        <li>
          De la personne accompagnée : identité, coordonnées, numéros CAF ou MSA et France Travail,
          droits (RSA, droits et devoirs), orientation, contrat d’engagement, diagnostic, projet
          professionnel, plan d’action, rendez-vous, notes, historique du parcours.
        </li>
        <li>
          Des données sensibles, quand l’accompagnement l’exige : santé, handicap et RQTH, justice,
          addictions, violences subies. Les autres membres de l’équipe voient qu’une information est
          masquée, jamais son contenu.
        </li>
        <li>
          Des professionnels : nom, adresse électronique et téléphone professionnels, structure,
          rôle, connexions et consultations.
        </li>
      </ul>

      <h2>Qui les reçoit</h2>
      <ul>
        <li>
          Les professionnels de l’équipe de suivi de la personne (département, France Travail,
          mission locale, Cap emploi, CAF, MSA, CCAS ou CIAS, associations, structures d’insertion),
          et l’ancien référent en lecture seule pendant 30 jours après un passage de relais.
        </li>
        <li>
          Les chargés et chargées d’orientation du territoire, chaque lecture étant inscrite au
          journal des accès.
        </li>
        <li>
          Les logiciels partenaires autorisés par le département, dans la limite de leur
          habilitation, jamais pour une personne qui s’est opposée au partage.
        </li>
        <li>L’hébergeur, comme sous-traitant, qui n’y accède pas pour son propre compte.</li>
      </ul>
      <p>Les administrateurs de Relais gèrent les comptes ; ils ne lisent pas les dossiers.</p>

      <h2>Combien de temps</h2>
      <ul>
        <li>
          Un dossier sans activité depuis 2 ans est archivé (consultable sans modification, hors des
          listes), puis supprimé 2 ans plus tard.
        </li>
        <li>Une personne qui n’est pas concernée par Relais est supprimée sans attendre.</li>
        <li>Le journal des accès est gardé 12 mois.</li>
      </ul>

      <h2>Vos droits et comment les exercer</h2>
      <p>
        La personne accompagnée peut obtenir l’ensemble de son dossier (droit d’accès), le faire
        corriger (rectification), demander la limitation du traitement ou s’opposer au partage avec
        les logiciels partenaires. Elle s’adresse à son référent, qui répond dans le mois, ou au
        délégué à la protection des données :{' '}
        <Fact value={notice.dpoContact} missing="adresse électronique ou postale du délégué" />.
        Connectée à Relais, elle voit aussi qui suit son dossier et qui l’a consulté.
      </p>
      <p>
        Sans réponse satisfaisante, chacun peut adresser une réclamation à la Commission nationale
        de l’informatique et des libertés (CNIL), sur cnil.fr ou par courrier : 3 place de Fontenoy,
        TSA 80715, 75334 Paris Cedex 07.
      </p>
      <p>
        Les cookies sont décrits sur la page{' '}
        <Link to={LEGAL_PATHS.cookies}>Gestion des cookies</Link>.
      </p>
    </LegalPage>
  );
}
