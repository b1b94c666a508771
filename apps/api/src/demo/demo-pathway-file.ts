import { EventType } from '@relais/events';
import { type NoteVisibility, SENSITIVE_RIGHTS, TeamRole } from '@relais/pathways';
import type { RosterEntry } from './data/roster.data.js';
import type { DemoClock } from './demo-clock.js';
import { drawAppointmentsAndNotes } from './demo-pathway-meetings.js';
import { drawActions, drawContractAndGoals, drawDiagnostic } from './demo-pathway-plan.js';
import type { FileRows, Identity, NoteRow, PersonRow, Stay } from './demo-pathway.types.js';
import type { SeededRandom } from './demo-random.js';

/** The generators and the clock the demo's files are drawn with. */
export interface DemoDraws {
  readonly random: SeededRandom;
  readonly ids: SeededRandom;
  readonly clock: DemoClock;
}

/** One person's file being drawn: its rows so far, and how its members act in it. */
export interface FileDraft extends DemoDraws {
  readonly person: PersonRow;
  readonly identity: Identity;
  readonly entry: RosterEntry;
  readonly stays: readonly Stay[];
  readonly start: number;
  readonly file: FileRows;
  /** A text with the person's civility, name and grammatical gender. */
  readonly words: (text: string) => string;
  /** Who acts at a given moment: the referent of the time mostly, else another member. */
  readonly actorAt: (at: number, referentFirst?: number) => Stay;
  /** A timeline event of the file. */
  readonly event: (
    at: number,
    actor: Stay,
    type: EventType,
    subjectType: string,
    subjectId: string,
    changes: { before?: Record<string, unknown>; after?: Record<string, unknown> },
    sensitive?: boolean,
  ) => void;
  /** A note written by a member at a given moment, never about more than the team needs. */
  readonly note: (
    at: number,
    author: Stay,
    body: string,
    visibility: NoteVisibility,
    sensitive?: boolean,
  ) => void;
}

/**
 * One person's file besides the person and the team: diagnostic, contract, plan, appointments,
 * notes and the timeline of it all, drawn in this order (the order fixes what the generator
 * gives each part: keep it).
 */
export function drawPathwayFile(
  draws: DemoDraws,
  person: PersonRow,
  identity: Identity,
  entry: RosterEntry,
  stays: readonly Stay[],
  start: number,
): FileRows {
  const { random, ids } = draws;
  const file: FileRows = {
    obstacles: [],
    contracts: [],
    goals: [],
    actions: [],
    appointments: [],
    notes: [],
    events: [],
  };
  const feminine = identity.sex === 'F' ? 'e' : '';
  const words = (text: string): string =>
    text
      .replace(/\{civ\}/g, identity.sex === 'F' ? 'Mme' : 'M.')
      .replace(/\{nom\}/g, identity.familyName)
      .replace(/\{e\}/g, feminine);
  // Who acts at a given moment: the referent of the time mostly, else another member.
  const actorAt = (at: number, referentFirst = 0.7): Stay => {
    const present = stays.filter(
      (stay) => stay.from <= at && (stay.until === null || stay.until > at),
    );
    const referent = present.find((stay) => stay.row.role === TeamRole.REFERENT);
    if (referent && (present.length === 1 || random.chance(referentFirst))) return referent;
    return random.pick(present.length ? present : stays);
  };
  const event = (
    at: number,
    actor: Stay,
    type: EventType,
    subjectType: string,
    subjectId: string,
    changes: { before?: Record<string, unknown>; after?: Record<string, unknown> },
    sensitive = false,
  ): void => {
    file.events.push({
      id: ids.uuid(),
      personId: person.id,
      occurredAt: new Date(at),
      actorAccountId: actor.caseworker.accountId,
      actorMembershipId: actor.caseworker.membershipId,
      actorClientId: null,
      type,
      subjectType,
      subjectId,
      sensitive,
      before: changes.before ?? null,
      after: changes.after ?? null,
    });
  };

  const note = (
    at: number,
    author: Stay,
    body: string,
    visibility: NoteVisibility,
    sensitive = false,
  ): void => {
    const row: NoteRow = {
      id: ids.uuid(),
      personId: person.id,
      authorAccountId: author.caseworker.accountId,
      authorStructureId: author.caseworker.structureId,
      body: words(body),
      visibility,
      sensitive,
      version: 1,
      createdByMembershipId: author.caseworker.membershipId,
      createdAt: new Date(at),
      updatedAt: new Date(at),
    };
    file.notes.push(row);
    event(
      at,
      author,
      EventType.NOTE_ADDED,
      'Note',
      row.id,
      { after: { visibility, sensitive } },
      sensitive,
    );
  };
  const draft: FileDraft = {
    ...draws,
    person,
    identity,
    entry,
    stays,
    start,
    file,
    words,
    actorAt,
    event,
    note,
  };

  // Creation and team: the first to join created the file.
  event(
    start,
    stays[0],
    EventType.PERSON_CREATED,
    'Person',
    person.id,
    { after: { givenName: person.givenName, familyName: person.familyName } },
    person.rights.some((right) => SENSITIVE_RIGHTS.includes(right)),
  );
  for (const stay of stays) {
    event(stay.from, stay, EventType.TEAM_JOINED, 'TeamMember', stay.row.id, {
      after: {
        role: stay.row.role,
        structureId: stay.row.structureId,
        accountId: stay.row.accountId,
      },
    });
    if (stay.until !== null) {
      event(stay.until, stay, EventType.TEAM_LEFT, 'TeamMember', stay.row.id, {
        before: { role: stay.row.role, structureId: stay.row.structureId },
        after: { comment: stay.row.leftComment },
      });
    }
  }

  const obstacles = drawDiagnostic(draft);
  const goals = drawContractAndGoals(draft);
  drawActions(draft, obstacles, goals);
  drawAppointmentsAndNotes(draft, obstacles);

  file.events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  return file;
}
