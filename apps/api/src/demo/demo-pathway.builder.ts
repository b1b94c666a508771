import { EventType } from '@relais/events';
import { StructureType } from '@relais/organizations';
import {
  ActionStatus,
  type AppointmentEntity,
  AppointmentStatus,
  type ContractEntity,
  ContractSought,
  ContractType,
  type GoalEntity,
  GoalStatus,
  isSensitiveTheme,
  type JoinRequestEntity,
  JoinRequestStatus,
  type NoteEntity,
  NoteVisibility,
  type ObstacleEntity,
  ObstacleStatus,
  ObstacleTheme,
  OrientationType,
  type PersonEntity,
  PersonRight,
  PersonStatus,
  type PlanActionEntity,
  searchText,
  SENSITIVE_RIGHTS,
  TeamLeaveReason,
  type TeamMemberEntity,
  TeamRole,
  type TimelineEventEntity,
} from '@relais/pathways';

import { GOALS, GOALS_OF, type GoalTemplate } from './data/goals.data.js';
import {
  BIRTH_COUNTRIES,
  BIRTH_DEPARTMENTS,
  FAMILY_NAMES,
  GIVEN_NAMES,
  type Origin,
} from './data/names.data.js';
import {
  AUTHOR_NOTES,
  FIRST_NOTE,
  HONORED_NOTES,
  JOIN_REASONS,
  MISSED_NOTE,
  SENSITIVE_NOTES,
  STRUCTURE_NOTES,
  TEAM_NOTES,
} from './data/notes.data.js';
import { OBSTACLE_ACTIONS, OBSTACLE_COMMENTS, OBSTACLE_WEIGHTS } from './data/obstacles.data.js';
import { JOBS, STREETS, TOWNS } from './data/places.data.js';
import {
  type Area,
  type CaseworkerKey,
  FOLLOWER_POOL,
  ROSTER,
  type RosterEntry,
} from './data/roster.data.js';
import { addMonths, DAY, isoDate, MINUTE, nirKey, SEED, SeededRandom } from './demo-random.js';

/** Builds the demo people and their files in memory, from the seeded generator; the seed step inserts them. */

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

export class DemoPathwayBuilder {
  readonly people: PersonRow[] = [];
  readonly teamMembers: TeamMemberRow[] = [];
  readonly joinRequests: JoinRequestRow[] = [];
  readonly file: FileRows = {
    obstacles: [],
    contracts: [],
    goals: [],
    actions: [],
    appointments: [],
    notes: [],
    events: [],
  };

  private readonly random = new SeededRandom(SEED);
  private readonly ids = new SeededRandom(SEED ^ 0x1d5);
  private readonly taken = new Set<string>();
  private readonly today: number;
  /** Active stays by person, for join requests. */
  private readonly activeAccounts = new Map<string, Set<string>>();
  private readonly referentOf = new Map<string, string>();

  constructor(
    private readonly now: number,
    private readonly territories: ReadonlyMap<string, string>,
    private readonly caseworkers: ReadonlyMap<CaseworkerKey, Caseworker>,
  ) {
    this.today = Math.floor(now / DAY) * DAY;
  }

  build(): void {
    for (const entry of ROSTER) {
      for (let index = 0; index < entry.count; index += 1) this.person(entry);
    }
    this.pendingJoinRequests();
  }

  // --- time ---------------------------------------------------------------------------------

  /** A working-hours moment `daysAgo` days before today, moved off weekends (backwards). */
  private moment(daysAgo: number): number {
    let day = this.today - daysAgo * DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 6) day -= DAY;
    if (weekday === 0) day -= 2 * DAY;
    return day + this.random.int(7 * 60 + 30, 16 * 60 + 30) * MINUTE;
  }

  /** A moment between `minDays` and `maxDays` after `from`, or null when it would be in the future. */
  private later(from: number, minDays: number, maxDays: number): number | null {
    const daysAgo = Math.floor((this.today - Math.floor(from / DAY) * DAY) / DAY);
    let at = this.moment(daysAgo - this.random.int(minDays, maxDays));
    if (at <= from) at = from + this.random.int(5, 90) * MINUTE;
    return at < this.now - 5 * MINUTE ? at : null;
  }

  /** A slot on a weekday `daysAhead` days from now, on the quarter hour. */
  private upcoming(daysAhead: number): number {
    let day = this.today + daysAhead * DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 6) day += 2 * DAY;
    if (weekday === 0) day += DAY;
    return day + this.random.pick([450, 480, 510, 540, 570, 720, 750, 780, 810, 840]) * MINUTE;
  }

  // --- people -------------------------------------------------------------------------------

  private unique(kind: string, make: () => string): string {
    for (;;) {
      const value = make();
      if (!this.taken.has(`${kind}:${value}`)) {
        this.taken.add(`${kind}:${value}`);
        return value;
      }
    }
  }

  private identity(entry: RosterEntry): Identity {
    const random = this.random;
    const [minAge, maxAge] =
      entry.ages ??
      (entry.profile === 'YOUTH' ? [18, 25] : entry.profile === 'JOBSEEKER' ? [26, 62] : [25, 63]);
    const sex = entry.sex ?? (random.chance(0.55) ? 'F' : 'M');
    const origin: Origin = random.chance(0.7)
      ? 'fr'
      : random.pick([
          'maghreb',
          'maghreb',
          'westAfrica',
          'westAfrica',
          'turkey',
          'portugal',
        ] as const);
    for (;;) {
      const age = random.int(minAge, maxAge);
      const anniversary = Date.UTC(
        new Date(this.now).getUTCFullYear() - age,
        new Date(this.now).getUTCMonth(),
        new Date(this.now).getUTCDate(),
      );
      const birthDate = isoDate(anniversary - random.int(1, 360) * DAY);
      const givenName = random.pick(GIVEN_NAMES[origin][sex]);
      const familyName = random.pick(FAMILY_NAMES[origin]);
      const married = sex === 'F' && age >= 27 && random.chance(0.4);
      const birthName = married
        ? random.pick(
            FAMILY_NAMES[random.chance(0.8) ? origin : 'fr'].filter((name) => name !== familyName),
          )
        : null;
      // The database refuses two people of a territory with the same names and birth date.
      const key = `${searchText(familyName, givenName)}|${birthDate}`;
      if (this.taken.has(`name:${key}`)) continue;
      this.taken.add(`name:${key}`);
      return {
        sex,
        origin,
        bornAbroad: origin !== 'fr' && random.chance(0.55),
        givenName,
        familyName,
        birthName,
        birthDate,
        age,
      };
    }
  }

  private nir(identity: Identity): string {
    return this.unique('nir', () => {
      const [year, month] = identity.birthDate.split('-') as [string, string];
      const place =
        identity.bornAbroad && identity.origin !== 'fr'
          ? `99${this.random.pick(BIRTH_COUNTRIES[identity.origin])}`
          : `${this.random.pick(BIRTH_DEPARTMENTS)}${String(this.random.int(1, 350)).padStart(3, '0')}`;
      const body = `${identity.sex === 'M' ? 1 : 2}${year.slice(2)}${month}${place}${String(this.random.int(1, 999)).padStart(3, '0')}`;
      return body + nirKey(body);
    });
  }

  private person(entry: RosterEntry): void {
    const random = this.random;
    const territoryId = this.territories.get(entry.territory) as string;
    const referent = entry.referent ? (this.caseworkers.get(entry.referent) ?? null) : null;
    const former = entry.formerReferent ? this.caseworkers.get(entry.formerReferent) : undefined;
    const identity = this.identity(entry);
    const { profile } = entry;

    const rsa = profile.startsWith('RSA_') || (profile === 'DISABILITY' && random.chance(0.35));
    const rights: PersonRight[] = [];
    if (rsa) rights.push(PersonRight.RSA);
    if (profile === 'JOBSEEKER')
      rights.push(random.chance(0.6) ? PersonRight.ARE : PersonRight.ASS);
    if (profile === 'YOUTH' && random.chance(0.15)) rights.push(PersonRight.ARE);
    if (profile === 'DISABILITY') {
      if (!rsa) rights.push(random.chance(0.5) ? PersonRight.AAH : PersonRight.ARE);
      rights.push(PersonRight.RQTH);
    }
    const registeredAtFranceTravail =
      ['RSA_PRO', 'JOBSEEKER', 'DISABILITY'].includes(profile) ||
      (profile === 'YOUTH' && random.chance(0.6)) ||
      (profile === 'RSA_SOCIO_PRO' && random.chance(0.3));

    const orientationType: OrientationType | null = !referent
      ? null
      : profile === 'RSA_SOCIAL'
        ? OrientationType.SOCIAL
        : profile === 'RSA_SOCIO_PRO'
          ? OrientationType.SOCIO_PROFESSIONAL
          : profile === 'YOUTH'
            ? random.pick([OrientationType.SOCIO_PROFESSIONAL, OrientationType.PROFESSIONAL])
            : OrientationType.PROFESSIONAL;
    const hasProject =
      ['RSA_PRO', 'JOBSEEKER', 'DISABILITY'].includes(profile) ||
      (profile === 'YOUTH' && random.chance(0.4)) ||
      (profile === 'RSA_SOCIO_PRO' && random.chance(0.2));
    const job = hasProject
      ? entry.area === 'rural'
        ? JOBS[JOBS.length - 1]
        : random.pick(JOBS)
      : null;
    const contractsSought = new Set<ContractSought>();
    if (job) {
      const options =
        profile === 'YOUTH'
          ? [ContractSought.APPRENTICESHIP, ContractSought.CDD, ContractSought.INTERIM]
          : profile === 'RSA_SOCIO_PRO'
            ? [ContractSought.SUBSIDISED, ContractSought.CDD, ContractSought.PART_TIME]
            : [
                ContractSought.CDI,
                ContractSought.CDD,
                ContractSought.INTERIM,
                ContractSought.PART_TIME,
              ];
      const count = random.int(1, 3);
      for (let index = 0; index < count; index += 1) contractsSought.add(random.pick(options));
    }

    const area: Area = entry.area ?? (random.chance(0.85) ? 'metropole' : 'rural');
    const [city, postalCode] = random.pick(TOWNS[area]);
    const asciiGiven = searchText(identity.givenName).replace(/ /g, '-');
    const asciiFamily = searchText(identity.familyName).replace(/ /g, '');

    const personId = this.ids.uuid();
    const start = this.moment(
      profile === 'RSA_NEW'
        ? random.int(15, 45)
        : former
          ? random.int(150, 400)
          : random.int(35, 420),
    );

    const person: PersonRow = {
      id: personId,
      territoryId,
      externalId: null,
      givenName: identity.givenName,
      familyName: identity.familyName,
      birthName: identity.birthName,
      birthDate: identity.birthDate,
      searchName: searchText(identity.familyName, identity.givenName, identity.birthName),
      identityKey: searchText(identity.familyName, identity.givenName),
      email: random.chance(0.6)
        ? this.unique(
            'email',
            () =>
              `${asciiGiven}.${asciiFamily}${random.chance(0.3) ? random.int(1, 99) : ''}@${random.pick(['example.org', 'example.net', 'example.com'])}`,
          )
        : null,
      // Numbers of the range the telecom regulator (ARCEP) keeps for fiction: 06 39 98 xx xx.
      phone: random.chance(0.85) ? this.unique('phone', () => `063998${random.digits(4)}`) : null,
      addressLine: `${random.int(1, 120)}${random.chance(0.1) ? ' bis' : ''} ${random.pick(STREETS)}`,
      postalCode,
      city,
      cafNumber:
        rsa || random.chance(0.5)
          ? this.unique('caf', () => `${random.int(1, 9)}${random.digits(6)}`)
          : null,
      franceTravailId: registeredAtFranceTravail
        ? this.unique(
            'ft',
            () => `${random.digits(7)}${String.fromCharCode(65 + random.int(0, 25))}`,
          )
        : null,
      nir: random.chance(0.6) ? this.nir(identity) : null,
      rights,
      rightsAndDuties: rsa,
      orientationType,
      orientationStructureId: referent?.structureId ?? null,
      targetJob: job ? job[0] : null,
      romeCode: job ? job[1] : null,
      mobilityRadiusKm: job ? random.pick([5, 10, 15, 20, 30, 50]) : null,
      contractsSought: [...contractsSought],
      status: PersonStatus.ACTIVE,
      restricted: false,
      objection: false,
      version: 1,
      createdByMembershipId: (former ?? referent ?? null)?.membershipId ?? null,
      createdByClientId: null,
      createdAt: new Date(start),
      updatedAt: new Date(start),
      lastActivityAt: new Date(start),
      archivedAt: null,
    };

    // The team: who was in it, and from when.
    const stays: Stay[] = [];
    const join = (
      caseworker: Caseworker,
      role: TeamRole,
      from: number,
      reason: string,
      until: number | null = null,
    ): void => {
      const row: TeamMemberRow = {
        id: this.ids.uuid(),
        personId,
        accountId: caseworker.accountId,
        membershipId: caseworker.membershipId,
        structureId: caseworker.structureId,
        role,
        joinedAt: new Date(from),
        joinReason: reason.replace(/\{e\}/g, identity.sex === 'F' ? 'e' : ''),
        leftAt: until === null ? null : new Date(until),
        leftReason: until === null ? null : TeamLeaveReason.HANDOVER,
        leftComment:
          until === null ? null : 'Passage de relais après la réorientation du parcours.',
      };
      stays.push({ row, caseworker, from, until });
    };
    // Ten days ago in the morning: the former referent still reads the file for 20 days.
    const handoverAt = this.today - 10 * DAY + 9.5 * 60 * MINUTE;
    const firstReferent = former ?? referent;
    if (firstReferent) {
      join(
        firstReferent,
        TeamRole.REFERENT,
        start + MINUTE,
        'A créé le dossier',
        former ? handoverAt : null,
      );
    }
    if (former && referent) {
      join(referent, TeamRole.REFERENT, handoverAt + MINUTE, 'Passage de relais');
    }
    const followers: Caseworker[] = [];
    const wanted = [
      ...(entry.followers ?? []),
      ...random.shuffled(FOLLOWER_POOL[profile]).slice(0, random.pick([0, 0, 0, 1, 1, 1, 2, 3])),
    ];
    for (const key of wanted) {
      const caseworker = this.caseworkers.get(key);
      if (!caseworker || caseworker.territoryId !== territoryId) continue;
      if (stays.length + followers.length - (former ? 1 : 0) >= 4) break;
      const inTeam = [...stays.map((stay) => stay.caseworker), ...followers];
      if (inTeam.some((other) => other.accountId === caseworker.accountId)) continue;
      if (referent && caseworker.structureId === referent.structureId) continue;
      if (followers.some((other) => other.structureId === caseworker.structureId)) continue;
      followers.push(caseworker);
    }
    followers.forEach((caseworker, index) => {
      const creator = !firstReferent && index === 0;
      const from = creator ? start + MINUTE : (this.later(start, 3, 60) ?? start + 2 * MINUTE);
      join(
        caseworker,
        TeamRole.FOLLOWER,
        from,
        creator ? 'A créé le dossier' : this.joinReason(caseworker.structureType),
      );
    });

    // Nobody of the roster could be found (personas changed): no file rather than an orphan.
    if (!stays.length) return;

    // The file, drawn again until its timeline holds 10 to 20 events.
    let file: FileRows | undefined;
    for (let attempt = 0; attempt < 100 && !file; attempt += 1) {
      const candidate = this.pathway(person, identity, entry, stays, start);
      if (candidate.events.length >= 10 && candidate.events.length <= 19) file = candidate;
    }
    if (!file)
      throw new Error(`demo seed: no timeline of 10 to 20 events for ${person.searchName}`);

    person.lastActivityAt = new Date(
      Math.max(...file.events.map((event) => event.occurredAt.getTime())),
    );
    this.people.push(person);
    for (const stay of stays) this.teamMembers.push(stay.row);
    for (const key of Object.keys(file) as (keyof FileRows)[]) {
      (this.file[key] as unknown[]).push(...file[key]);
    }
    this.activeAccounts.set(
      personId,
      new Set(stays.filter((stay) => stay.until === null).map((stay) => stay.caseworker.accountId)),
    );
    if (referent) this.referentOf.set(personId, referent.key);
  }

  private joinReason(type: StructureType): string {
    switch (type) {
      case StructureType.CAF:
        return 'Suivi des prestations et de la prime d’activité';
      case StructureType.FRANCE_TRAVAIL:
        return 'Inscription à France Travail et suivi de la recherche d’emploi';
      case StructureType.CONSEIL_DEPARTEMENTAL:
        return 'Suivi du contrat d’engagements RSA';
      case StructureType.SIAE:
        return 'Salarié{e} en parcours au chantier d’insertion';
      case StructureType.ASSOCIATION:
        return 'Accompagnement social global';
      case StructureType.CCAS:
        return 'Aides facultatives et domiciliation au CCAS';
      case StructureType.MISSION_LOCALE:
        return 'Suivi engagé à la mission locale';
      default:
        return 'Accompagnement partagé';
    }
  }

  // --- the file -----------------------------------------------------------------------------

  private pathway(
    person: PersonRow,
    identity: Identity,
    entry: RosterEntry,
    stays: readonly Stay[],
    start: number,
  ): FileRows {
    const random = this.random;
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
        id: this.ids.uuid(),
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

    // Diagnostic.
    const themes = new Set<ObstacleTheme>();
    if (person.rights.includes(PersonRight.RQTH)) themes.add(ObstacleTheme.DISABILITY);
    if (entry.referent === 'helene') themes.add(ObstacleTheme.FAMILY_CHILDCARE);
    if (identity.bornAbroad && identity.origin !== 'portugal' && random.chance(0.6)) {
      themes.add(ObstacleTheme.LANGUAGE);
    }
    const obstacleCount = Math.max(themes.size, random.pick([0, 1, 2, 2, 3, 3, 3, 4, 5]));
    while (themes.size < obstacleCount) {
      const theme = random.weighted(OBSTACLE_WEIGHTS[entry.profile], themes);
      if (!theme) break;
      themes.add(theme);
    }
    const obstacles: { row: ObstacleRow; sensitive: boolean }[] = [];
    for (const theme of themes) {
      const added = this.later(start, 0, 14);
      if (added === null) continue;
      const sensitive = isSensitiveTheme(theme);
      const actor = actorAt(added, 0.85);
      const row: ObstacleRow = {
        id: this.ids.uuid(),
        personId: person.id,
        theme,
        status: ObstacleStatus.IDENTIFIED,
        comment: words(random.pick(OBSTACLE_COMMENTS[theme])),
        version: 1,
        createdByMembershipId: actor.caseworker.membershipId,
        createdAt: new Date(added),
        updatedAt: new Date(added),
      };
      event(
        added,
        actor,
        EventType.OBSTACLE_ADDED,
        'Obstacle',
        row.id,
        {
          after: { theme, status: row.status, comment: row.comment },
        },
        sensitive,
      );
      const target = random.pick([
        ObstacleStatus.IDENTIFIED,
        ObstacleStatus.BEING_ADDRESSED,
        ObstacleStatus.BEING_ADDRESSED,
        ObstacleStatus.RESOLVED,
      ]);
      let at = added;
      for (const next of [ObstacleStatus.BEING_ADDRESSED, ObstacleStatus.RESOLVED]) {
        if (
          target === ObstacleStatus.IDENTIFIED ||
          (next === ObstacleStatus.RESOLVED && target !== next)
        ) {
          break;
        }
        const when = this.later(at, 10, 75);
        if (when === null) break;
        event(
          when,
          actorAt(when),
          EventType.OBSTACLE_UPDATED,
          'Obstacle',
          row.id,
          {
            before: { status: row.status },
            after: { status: next },
          },
          sensitive,
        );
        row.status = next;
        row.version += 1;
        row.updatedAt = new Date(when);
        at = when;
      }
      file.obstacles.push(row);
      obstacles.push({ row, sensitive });
    }

    // Contract and goals.
    const referentStay = stays.find((stay) => stay.row.role === TeamRole.REFERENT);
    const contractAt = this.later(start, 7, 30) ?? this.later(start, 0, 2);
    if (referentStay && contractAt !== null && random.chance(0.85)) {
      const signer = actorAt(contractAt, 1);
      const type = this.contractType(signer.caseworker.structureType);
      const startsOn = isoDate(contractAt);
      const endsOn =
        type === ContractType.PPAE
          ? null
          : addMonths(startsOn, type === ContractType.PACEA ? 18 : random.pick([6, 12, 12]));
      const row: ContractRow = {
        id: this.ids.uuid(),
        personId: person.id,
        type,
        startsOn,
        endsOn,
        version: 1,
        createdByMembershipId: signer.caseworker.membershipId,
        createdAt: new Date(contractAt),
        updatedAt: new Date(contractAt),
      };
      file.contracts.push(row);
      event(contractAt, signer, EventType.CONTRACT_ADDED, 'Contract', row.id, {
        after: { type, startsOn, endsOn },
      });
    }
    const goalsAt = contractAt ?? start + 10 * MINUTE;
    const templates = random
      .shuffled(GOALS[GOALS_OF[entry.profile]])
      .slice(0, random.int(1, entry.profile === 'RSA_NEW' ? 2 : 3));
    const goals: { row: GoalRow; template: GoalTemplate }[] = templates.map((template, index) => {
      const at = Math.min(goalsAt + (index + 1) * 2 * MINUTE, this.now - MINUTE);
      const actor = actorAt(at, 1);
      const row: GoalRow = {
        id: this.ids.uuid(),
        personId: person.id,
        title: template.title,
        status: GoalStatus.IN_PROGRESS,
        version: 1,
        createdByMembershipId: actor.caseworker.membershipId,
        createdAt: new Date(at),
        updatedAt: new Date(at),
      };
      event(at, actor, EventType.GOAL_ADDED, 'Goal', row.id, {
        after: { title: row.title, status: row.status },
      });
      return { row, template };
    });
    file.goals.push(...goals.map((goal) => goal.row));

    // Actions: some serve an obstacle, the others a goal alone.
    const actionCount = random.int(1, 4);
    const titles = new Set<string>();
    const candidates: { title: string; obstacle: (typeof obstacles)[number] | null }[] = [];
    for (const obstacle of random.shuffled(obstacles)) {
      if (obstacle.row.status === ObstacleStatus.IDENTIFIED && random.chance(0.5)) continue;
      candidates.push({ title: random.pick(OBSTACLE_ACTIONS[obstacle.row.theme]), obstacle });
    }
    for (const goal of goals) {
      for (const title of goal.template.actions) candidates.push({ title, obstacle: null });
    }
    for (const candidate of candidates) {
      if (file.actions.length >= actionCount) break;
      if (titles.has(candidate.title)) continue;
      titles.add(candidate.title);
      const goal = random.pick(goals);
      const after = Math.max(
        goal.row.createdAt.getTime(),
        candidate.obstacle?.row.createdAt.getTime() ?? 0,
      );
      const created = this.later(after, 0, 30);
      if (created === null) continue;
      const sensitive = candidate.obstacle?.sensitive ?? false;
      const actor = actorAt(created);
      const startsOn = isoDate(created);
      const row: ActionRow = {
        id: this.ids.uuid(),
        personId: person.id,
        goalId: goal.row.id,
        obstacleId: candidate.obstacle?.row.id ?? null,
        title: candidate.title,
        status: ActionStatus.PLANNED,
        startsOn,
        dueOn: isoDate(created + random.int(3, 10) * 7 * DAY),
        version: 1,
        createdByMembershipId: actor.caseworker.membershipId,
        createdAt: new Date(created),
        updatedAt: new Date(created),
      };
      event(
        created,
        actor,
        EventType.ACTION_ADDED,
        'PlanAction',
        row.id,
        {
          after: {
            title: row.title,
            status: row.status,
            startsOn: row.startsOn,
            dueOn: row.dueOn,
            goalId: row.goalId,
            obstacleId: row.obstacleId,
          },
        },
        sensitive,
      );
      const target = random.pick([
        ActionStatus.PLANNED,
        ActionStatus.IN_PROGRESS,
        ActionStatus.IN_PROGRESS,
        ActionStatus.DONE,
        ActionStatus.DONE,
        ActionStatus.ABANDONED,
      ]);
      const steps =
        target === ActionStatus.PLANNED
          ? []
          : target === ActionStatus.IN_PROGRESS
            ? [ActionStatus.IN_PROGRESS]
            : [ActionStatus.IN_PROGRESS, target];
      let at = created;
      for (const next of steps) {
        const when = this.later(at, 5, 40);
        if (when === null) break;
        event(
          when,
          actorAt(when),
          EventType.ACTION_UPDATED,
          'PlanAction',
          row.id,
          {
            before: { status: row.status },
            after: { status: next },
          },
          sensitive,
        );
        row.status = next;
        row.version += 1;
        row.updatedAt = new Date(when);
        at = when;
      }
      file.actions.push(row);
    }

    // Notes: written by a member at a given moment, never about more than the team needs.
    const note = (
      at: number,
      author: Stay,
      body: string,
      visibility: NoteVisibility,
      sensitive = false,
    ): void => {
      const row: NoteRow = {
        id: this.ids.uuid(),
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
    const firstMeeting = this.later(start, 0, 3);
    if (firstMeeting !== null && random.chance(0.35)) {
      note(firstMeeting, actorAt(firstMeeting, 1), FIRST_NOTE, NoteVisibility.TEAM);
    }

    // Appointments: past ones honoured or missed (often with a note), perhaps one to come.
    const appointmentCount = random.pick([0, 1, 1, 2, 2, 3]);
    const sinceStart = Math.floor((this.today - Math.floor(start / DAY) * DAY) / DAY);
    let upcomingTaken = false;
    for (let index = 0; index < appointmentCount; index += 1) {
      const future: boolean = !upcomingTaken && random.chance(0.5);
      const startsAt = future
        ? this.upcoming(random.int(1, 12))
        : Math.floor(this.moment(random.int(1, Math.max(1, sinceStart - 7))) / (15 * MINUTE)) *
          (15 * MINUTE);
      if (!future && (startsAt <= start || startsAt >= this.now)) continue;
      upcomingTaken ||= future;
      let scheduledAt = Math.max(
        start + 30 * MINUTE,
        future
          ? this.moment(random.int(1, 14))
          : Math.min(this.now - 2 * DAY, startsAt - random.int(5, 21) * DAY),
      );
      let owner = actorAt(scheduledAt, 0.8);
      if (future && owner.until !== null) {
        // Whoever fixed it then has left the team since: the meeting to come is with a member.
        owner = actorAt(this.now, 0.8);
        scheduledAt = Math.max(scheduledAt, owner.from + 30 * MINUTE);
      }
      const remote = random.chance(0.25);
      const durationMinutes = random.pick([30, 45, 45, 60]);
      const row: AppointmentRow = {
        id: this.ids.uuid(),
        personId: person.id,
        startsAt: new Date(startsAt),
        durationMinutes,
        withWhom: owner.caseworker.label,
        location: remote ? null : owner.caseworker.location,
        remote,
        status: AppointmentStatus.PLANNED,
        version: 1,
        createdByMembershipId: owner.caseworker.membershipId,
        createdAt: new Date(scheduledAt),
        updatedAt: new Date(scheduledAt),
      };
      event(scheduledAt, owner, EventType.APPOINTMENT_SCHEDULED, 'Appointment', row.id, {
        after: {
          startsAt: row.startsAt.toISOString(),
          durationMinutes,
          withWhom: row.withWhom,
          location: row.location,
          remote,
          status: row.status,
        },
      });
      if (!future) {
        const outcome = random.chance(0.78) ? AppointmentStatus.HONORED : AppointmentStatus.MISSED;
        const when = Math.min(
          startsAt + (durationMinutes + random.int(5, 120)) * MINUTE,
          this.now - 2 * MINUTE,
        );
        event(when, owner, EventType.APPOINTMENT_UPDATED, 'Appointment', row.id, {
          before: { status: row.status },
          after: { status: outcome },
        });
        row.status = outcome;
        row.version = 2;
        row.updatedAt = new Date(when);
        if (outcome === AppointmentStatus.MISSED && random.chance(0.8)) {
          note(when + MINUTE, owner, MISSED_NOTE, NoteVisibility.TEAM);
        } else if (outcome === AppointmentStatus.HONORED && random.chance(0.45)) {
          note(when + MINUTE, owner, random.pick(HONORED_NOTES), NoteVisibility.TEAM);
        }
      }
      file.appointments.push(row);
    }

    // Other notes, the last of them often in the past few days; sensitive ones when the
    // diagnostic holds a sensitive obstacle.
    const sensitiveThemes = obstacles
      .filter((obstacle) => obstacle.sensitive)
      .map((obstacle) => obstacle.row.theme);
    const noteCount = Math.min(4 - file.notes.length, random.pick([0, 0, 1, 1, 2, 3]));
    for (let index = 0; index < noteCount; index += 1) {
      const recent = index === noteCount - 1 && random.chance(0.6);
      const at = this.moment(random.int(0, recent ? Math.min(6, sinceStart) : sinceStart));
      if (at <= start || at >= this.now - MINUTE) continue;
      const sensitiveTheme =
        sensitiveThemes.length && random.chance(0.5) ? random.pick(sensitiveThemes) : null;
      const visibility = sensitiveTheme
        ? random.pick([NoteVisibility.TEAM, NoteVisibility.STRUCTURE])
        : random.pick([
            NoteVisibility.TEAM,
            NoteVisibility.TEAM,
            NoteVisibility.STRUCTURE,
            NoteVisibility.AUTHOR,
          ]);
      const body = sensitiveTheme
        ? (SENSITIVE_NOTES[sensitiveTheme] as string)
        : random.pick(
            visibility === NoteVisibility.TEAM
              ? TEAM_NOTES
              : visibility === NoteVisibility.STRUCTURE
                ? STRUCTURE_NOTES
                : AUTHOR_NOTES,
          );
      note(at, actorAt(at, 0.75), body, visibility, sensitiveTheme !== null);
    }

    file.events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    return file;
  }

  private contractType(type: StructureType): ContractType {
    switch (type) {
      case StructureType.FRANCE_TRAVAIL:
      case StructureType.CAP_EMPLOI:
        return ContractType.PPAE;
      case StructureType.MISSION_LOCALE:
        return this.random.chance(0.6) ? ContractType.CEJ : ContractType.PACEA;
      default:
        return ContractType.CER;
    }
  }

  // --- join requests ------------------------------------------------------------------------

  /** Three pending requests: two to join Claire Moreau's people, one of hers elsewhere. */
  private pendingJoinRequests(): void {
    const requests: [CaseworkerKey, (personId: string) => boolean][] = [
      ['helene', (personId) => this.referentOf.get(personId) === 'claire'],
      ['sandrine', (personId) => this.referentOf.get(personId) === 'claire'],
      ['claire', (personId) => this.referentOf.get(personId) === 'julie'],
    ];
    requests.forEach(([key, wanted], index) => {
      const caseworker = this.caseworkers.get(key);
      if (!caseworker) return;
      const person = this.people.find(
        (candidate) =>
          candidate.territoryId === caseworker.territoryId &&
          wanted(candidate.id) &&
          !this.activeAccounts.get(candidate.id)?.has(caseworker.accountId) &&
          !this.joinRequests.some((request) => request.personId === candidate.id),
      );
      if (!person) return;
      const at = new Date(this.moment(index + 1));
      const request: JoinRequestRow = {
        id: this.ids.uuid(),
        personId: person.id,
        accountId: caseworker.accountId,
        membershipId: caseworker.membershipId,
        structureId: caseworker.structureId,
        reason: JOIN_REASONS[index],
        status: JoinRequestStatus.PENDING,
        createdAt: at,
        decidedAt: null,
        decidedByMembershipId: null,
        decisionReason: null,
      };
      this.joinRequests.push(request);
      // As the API records it: the requester acts, before being in the team.
      this.file.events.push({
        id: this.ids.uuid(),
        personId: person.id,
        occurredAt: at,
        actorAccountId: caseworker.accountId,
        actorMembershipId: caseworker.membershipId,
        actorClientId: null,
        type: EventType.TEAM_JOIN_REQUESTED,
        subjectType: 'JoinRequest',
        subjectId: request.id,
        sensitive: false,
        before: null,
        after: { structureId: request.structureId, reason: request.reason },
      });
      if (at > person.lastActivityAt) person.lastActivityAt = at;
    });
  }
}
