import { EventType } from '@relais/events';
import { StructureType } from '@relais/organizations';
import {
  ContractSought,
  JoinRequestStatus,
  OrientationType,
  PersonRight,
  PersonStatus,
  searchText,
  TeamLeaveReason,
  TeamRole,
} from '@relais/pathways';
import { JOIN_REASONS } from './data/notes.data.js';
import { JOBS, STREETS, TOWNS } from './data/places.data.js';
import {
  type Area,
  type CaseworkerKey,
  FOLLOWER_POOL,
  ROSTER,
  type RosterEntry,
} from './data/roster.data.js';
import { DemoClock } from './demo-clock.js';
import { DemoIdentities } from './demo-identities.js';
import { type DemoDraws, drawPathwayFile } from './demo-pathway-file.js';
import type {
  Caseworker,
  FileRows,
  JoinRequestRow,
  PersonRow,
  Stay,
  TeamMemberRow,
} from './demo-pathway.types.js';
import { DAY, MINUTE, SEED, SeededRandom } from './demo-random.js';

/**
 * Builds the demo people, their teams and files, and the pending join requests in memory, all
 * drawn from the seeded generators; the seed step inserts them. The roster's people are drawn in
 * order, each one's draws after the previous one's: reordering anything changes every file after.
 */
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

  private readonly draws: DemoDraws;
  private readonly identities: DemoIdentities;
  /** Active stays by person, for join requests. */
  private readonly activeAccounts = new Map<string, Set<string>>();
  private readonly referentOf = new Map<string, string>();

  constructor(
    now: number,
    private readonly territories: ReadonlyMap<string, string>,
    private readonly caseworkers: ReadonlyMap<CaseworkerKey, Caseworker>,
  ) {
    const random = new SeededRandom(SEED);
    this.draws = { random, ids: new SeededRandom(SEED ^ 0x1d5), clock: new DemoClock(random, now) };
    this.identities = new DemoIdentities(random, now, SEED ^ 0xb127);
  }

  build(): void {
    for (const entry of ROSTER) {
      for (let index = 0; index < entry.count; index += 1) this.person(entry);
    }
    this.pendingJoinRequests();
  }

  private person(entry: RosterEntry): void {
    const random = this.draws.random;
    const territoryId = this.territories.get(entry.territory) as string;
    const referent = entry.referent ? (this.caseworkers.get(entry.referent) ?? null) : null;
    const former = entry.formerReferent ? this.caseworkers.get(entry.formerReferent) : undefined;
    const identity = this.identities.identity(entry);
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

    const personId = this.draws.ids.uuid();
    const start = this.draws.clock.moment(
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
      ...this.identities.birth(identity),
      searchName: searchText(identity.familyName, identity.givenName, identity.birthName),
      identityKey: searchText(identity.familyName, identity.givenName),
      email: random.chance(0.6)
        ? this.identities.unique(
            'email',
            () =>
              `${asciiGiven}.${asciiFamily}${random.chance(0.3) ? random.int(1, 99) : ''}@${random.pick(['example.org', 'example.net', 'example.com'])}`,
          )
        : null,
      // Numbers of the range the telecom regulator (ARCEP) keeps for fiction: 06 39 98 xx xx.
      phone: random.chance(0.85)
        ? this.identities.unique('phone', () => `063998${random.digits(4)}`)
        : null,
      addressLine: `${random.int(1, 120)}${random.chance(0.1) ? ' bis' : ''} ${random.pick(STREETS)}`,
      postalCode,
      city,
      cafNumber:
        rsa || random.chance(0.5)
          ? this.identities.unique('caf', () => `${random.int(1, 9)}${random.digits(6)}`)
          : null,
      franceTravailId: registeredAtFranceTravail
        ? this.identities.unique(
            'ft',
            () => `${random.digits(7)}${String.fromCharCode(65 + random.int(0, 25))}`,
          )
        : null,
      nir: random.chance(0.6) ? this.identities.nir(identity) : null,
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
        id: this.draws.ids.uuid(),
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
    const handoverAt = this.draws.clock.today - 10 * DAY + 9.5 * 60 * MINUTE;
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
      const from = creator
        ? start + MINUTE
        : (this.draws.clock.later(start, 3, 60) ?? start + 2 * MINUTE);
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
      const candidate = drawPathwayFile(this.draws, person, identity, entry, stays, start);
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
      const at = new Date(this.draws.clock.moment(index + 1));
      const request: JoinRequestRow = {
        id: this.draws.ids.uuid(),
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
        id: this.draws.ids.uuid(),
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
