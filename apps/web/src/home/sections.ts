import { formatShortDate } from '../components/format';
import {
  CONTRACT_TYPE_LABELS,
  type ContractType,
  ORIENTATION_LABELS,
  type OrientationType,
} from '../person/labels';
import type { WorkItem, WorkSectionName } from './work-queue';

/** How the home shows one section: its title, its empty sentence, where its items lead. */
export interface SectionSpec {
  readonly name: WorkSectionName;
  readonly title: string;
  readonly empty: string;
  /** The screen where the whole list is worked. */
  readonly allLink?: { readonly to: string; readonly text: string };
  /** Where one item is worked (items are described only when the person is readable). */
  readonly itemLink: (item: WorkItem) => string;
  readonly describe: (item: WorkItem) => string;
  /** Whether the item is overdue: highlighted. */
  readonly urgent?: (item: WorkItem) => boolean;
}

/** A person's request about their rights, as the home names it. */
const RIGHTS_REQUEST_LABELS: Readonly<Record<string, string>> = {
  RECTIFICATION: 'rectification du dossier',
  OBJECTION: 'opposition au partage',
  RESTRICTION: 'limitation du traitement',
};

const TIME = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});
const PARIS_DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' });

/** Today's date in Paris, as YYYY-MM-DD. */
function parisToday(): string {
  return PARIS_DAY.format(new Date());
}

function by(item: WorkItem): string {
  if (!item.actorName) return '';
  return ` par ${item.actorName}${item.structureName ? ` (${item.structureName})` : ''}`;
}

const fileOf = (item: WorkItem, section: string) =>
  `/personnes/${item.person?.id ?? ''}/${section}`;

/** The sections in the order the home shows them: today's meetings first, then decisions. */
export const SECTIONS: readonly SectionSpec[] = [
  {
    name: 'appointments',
    title: 'Rendez-vous aujourd’hui et demain',
    empty: 'Aucun rendez-vous prévu aujourd’hui ni demain.',
    itemLink: (item) => fileOf(item, 'rendez-vous'),
    describe: (item) => {
      const at = item.at ? new Date(item.at) : null;
      const day = at && PARIS_DAY.format(at) === parisToday() ? 'aujourd’hui' : 'demain';
      return `${day}${at ? ` à ${TIME.format(at)}` : ''}${item.label ? `, avec ${item.label}` : ''}`;
    },
  },
  {
    name: 'incomingHandovers',
    title: 'Passages de relais à décider',
    empty: 'Aucun passage de relais ne vous attend.',
    allLink: { to: '/passages', text: 'Tous les passages de relais' },
    itemLink: (item) => `/passages/${item.id}`,
    describe: (item) => `proposé${by(item)} le ${formatShortDate(item.at)}`,
  },
  {
    name: 'unassignedPeople',
    title: 'Personnes orientées sans référent',
    empty: 'Toutes les personnes orientées vers votre structure ont un référent.',
    allLink: { to: '/passages', text: 'Tous les passages de relais' },
    itemLink: (item) => `/passages/${item.id}`,
    describe: (item) => `orientée le ${formatShortDate(item.at)}, référent à désigner`,
  },
  {
    name: 'joinRequests',
    title: 'Demandes pour rejoindre une équipe',
    empty: 'Aucune demande pour rejoindre une équipe.',
    allLink: { to: '/demandes', text: 'Toutes les demandes' },
    itemLink: () => '/demandes',
    describe: (item) => `demandé${by(item)} le ${formatShortDate(item.at)}`,
  },
  {
    name: 'orientationRequests',
    title: 'Demandes d’orientation',
    empty: 'Aucune demande d’orientation à décider.',
    allLink: { to: '/demandes', text: 'Toutes les demandes' },
    itemLink: () => '/demandes',
    describe: (item) => {
      const type = ORIENTATION_LABELS[item.label as OrientationType] ?? item.label ?? '';
      return `orientation ${type.toLowerCase()} demandée${by(item)} le ${formatShortDate(item.at)}`;
    },
  },
  {
    name: 'overdueActions',
    title: 'Actions en retard',
    empty: 'Aucune action en retard dans les dossiers dont vous êtes référent.',
    allLink: { to: '/accompagnements', text: 'Mes accompagnements' },
    itemLink: (item) => fileOf(item, 'plan'),
    describe: (item) => `« ${item.label ?? ''} », prévue le ${formatShortDate(item.on)}`,
  },
  {
    name: 'endingContracts',
    title: 'Contrats échus ou à échéance',
    empty: 'Aucun contrat échu ni à échéance dans les 30 jours.',
    allLink: { to: '/accompagnements', text: 'Mes accompagnements' },
    itemLink: (item) => fileOf(item, 'plan'),
    describe: (item) => {
      const type = item.label
        ? (CONTRACT_TYPE_LABELS[item.label as ContractType] ?? item.label)
        : 'Contrat';
      const ended = item.on !== null && item.on < parisToday();
      return `${type} ${ended ? 'échu le' : 'se termine le'} ${formatShortDate(item.on)}`;
    },
  },
  {
    name: 'rightsRequests',
    title: 'Demandes des personnes sur leurs droits',
    empty: 'Aucune demande des personnes que vous accompagnez ne vous attend.',
    itemLink: (item) => fileOf(item, 'identite'),
    describe: (item) => {
      const kind = RIGHTS_REQUEST_LABELS[item.label ?? ''] ?? 'demande';
      const late = item.on !== null && item.on < parisToday();
      return `${kind}, réponse attendue avant le ${formatShortDate(item.on)}${late ? ' (en retard)' : ''}`;
    },
    urgent: (item) => item.on !== null && item.on < parisToday(),
  },
];
