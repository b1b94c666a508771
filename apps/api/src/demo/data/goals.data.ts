/* Demo data: the plan's goals and their actions, by kind of pathway, and which kind each profile follows. */
import type { Profile } from './roster.data.js';

export interface GoalTemplate {
  readonly title: string;
  readonly actions: readonly string[];
}

export const GOALS: Readonly<
  Record<'social' | 'socioPro' | 'pro' | 'youth' | 'disability' | 'new', readonly GoalTemplate[]>
> = {
  social: [
    {
      title: 'Stabiliser la situation de logement',
      actions: [
        'Dépôt d’une demande de logement social',
        'Rendez-vous avec le bailleur pour un plan d’apurement',
      ],
    },
    {
      title: 'Retrouver une autonomie dans les démarches administratives',
      actions: [
        'Atelier numérique : créer ses comptes Ameli et CAF',
        'Classement des justificatifs avec l’écrivain public',
      ],
    },
    {
      title: 'Assainir la situation budgétaire',
      actions: ['Mise en place d’un budget mensuel', 'Demande d’échéancier auprès des créanciers'],
    },
    {
      title: 'Prendre soin de sa santé',
      actions: ['Bilan de santé au centre d’examens de santé de la CPAM'],
    },
  ],
  socioPro: [
    {
      title: 'Lever les freins à la mobilité',
      actions: ['Inscription à l’auto-école sociale', 'Demande d’aide au permis de conduire'],
    },
    {
      title: 'Entrer dans un parcours d’insertion par l’activité économique',
      actions: [
        'Information collective au chantier d’insertion Estuaire',
        'Entretien d’embauche en structure d’insertion',
      ],
    },
    {
      title: 'Construire un projet professionnel réaliste',
      actions: [
        'Enquête métier auprès de deux employeurs',
        'Immersion en entreprise d’une semaine',
      ],
    },
    {
      title: 'Améliorer la maîtrise du français',
      actions: ['Inscription à un atelier sociolinguistique'],
    },
  ],
  pro: [
    {
      title: 'Retrouver un emploi durable dans le métier visé',
      actions: [
        'Mise à jour du CV et de la lettre de motivation',
        'Candidatures ciblées : dix offres par mois',
        'Préparation aux entretiens d’embauche',
      ],
    },
    {
      title: 'Obtenir une qualification',
      actions: [
        'Positionnement sur une formation qualifiante',
        'Dossier de financement de la formation',
      ],
    },
    {
      title: 'Élargir la recherche aux métiers proches',
      actions: ['Atelier sur les compétences transférables', 'Participation à un job dating'],
    },
  ],
  youth: [
    {
      title: 'Définir un projet professionnel',
      actions: [
        'Ateliers découverte des métiers à la mission locale',
        'Stage de découverte en entreprise',
      ],
    },
    {
      title: 'Accéder à une première expérience professionnelle',
      actions: ['Rédaction du premier CV', 'Candidatures en alternance'],
    },
    {
      title: 'Obtenir le permis B',
      actions: ['Inscription au code de la route', 'Demande d’aide au permis'],
    },
    {
      title: 'Trouver un logement autonome',
      actions: [
        'Demande en foyer de jeunes travailleurs',
        'Dossier Visale pour la garantie locative',
      ],
    },
  ],
  disability: [
    {
      title: 'Trouver un emploi compatible avec ses contraintes',
      actions: [
        'Étude de poste avec le conseiller Cap emploi',
        'Candidatures ciblées auprès d’employeurs partenaires',
      ],
    },
    {
      title: 'Se reconvertir vers un nouveau métier',
      actions: [
        'Bilan de reconversion professionnelle',
        'Positionnement sur une formation de reconversion',
      ],
    },
  ],
  new: [
    {
      title: 'Finaliser l’orientation du parcours',
      actions: [
        'Entretien de diagnostic d’orientation',
        'Transmission du dossier à la chargée d’orientation',
      ],
    },
    {
      title: 'Sécuriser l’ouverture des droits',
      actions: ['Vérification des droits CAF et de la prime d’activité'],
    },
  ],
};

export const GOALS_OF: Readonly<Record<Profile, keyof typeof GOALS>> = {
  RSA_SOCIAL: 'social',
  RSA_SOCIO_PRO: 'socioPro',
  RSA_PRO: 'pro',
  JOBSEEKER: 'pro',
  YOUTH: 'youth',
  DISABILITY: 'disability',
  RSA_NEW: 'new',
};
