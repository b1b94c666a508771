import type { StructureType } from '@relais/organizations';
import type {
  AppointmentEntity,
  ContractEntity,
  GoalEntity,
  JoinRequestEntity,
  NoteEntity,
  ObstacleEntity,
  PersonEntity,
  PlanActionEntity,
  TeamMemberEntity,
  TimelineEventEntity,
} from '@relais/pathways';
import type { Origin } from './data/names.data.js';

/* The rows the demo builders draw, and what they know of the caseworkers and the people. */

export interface Caseworker {
  readonly key: string;
  readonly membershipId: string;
  readonly accountId: string;
  readonly structureId: string;
  readonly structureType: StructureType;
  readonly territoryId: string;
  /** "Claire Moreau (Département de Loire-Atlantique)", for appointments. */
  readonly label: string;
  readonly location: string;
}

export interface Stay {
  readonly row: TeamMemberRow;
  readonly caseworker: Caseworker;
  readonly from: number;
  readonly until: number | null;
}

export type PersonRow = Omit<PersonEntity, 'territory' | 'orientationStructure'>;
export type TeamMemberRow = Omit<
  TeamMemberEntity,
  'person' | 'account' | 'membership' | 'structure'
>;
export type JoinRequestRow = Omit<
  JoinRequestEntity,
  'person' | 'account' | 'membership' | 'structure'
>;
export type ObstacleRow = Omit<ObstacleEntity, 'person'>;
export type ContractRow = Omit<ContractEntity, 'person'>;
export type GoalRow = Omit<GoalEntity, 'person'>;
export type ActionRow = Omit<PlanActionEntity, 'person' | 'goal' | 'obstacle'>;
export type AppointmentRow = Omit<AppointmentEntity, 'person'>;
export type NoteRow = Omit<NoteEntity, 'person'>;
export type EventRow = Omit<TimelineEventEntity, 'person'>;

/** What one person's file holds besides the person and the team. */
export interface FileRows {
  obstacles: ObstacleRow[];
  contracts: ContractRow[];
  goals: GoalRow[];
  actions: ActionRow[];
  appointments: AppointmentRow[];
  notes: NoteRow[];
  events: EventRow[];
}

export interface Identity {
  sex: 'F' | 'M';
  origin: Origin;
  bornAbroad: boolean;
  givenName: string;
  familyName: string;
  birthName: string | null;
  birthDate: string;
  age: number;
}
