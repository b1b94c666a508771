/**
 * People of one territory and their pathway files, one person at a time, written as COPY text
 * lines to a sink. Everything is drawn from generators seeded by (seed, territory): the same
 * seed and day give the same rows, ids included. Dates are relative to `today` (UTC midnight):
 * every event is in the past, the appointments to come are from tomorrow on.
 */
import { mixSeed, Random, Weighted, zipf } from './prng.mjs';
import {
  BIRTH_COUNTRIES,
  FAMILY_NAMES,
  FIRST_NOTE,
  GIVEN_NAMES,
  GOALS,
  GOALS_OF,
  HANDOVER_REASONS,
  HONORED_NOTES,
  JOBS,
  JOIN_REASONS,
  LEAVE_COMMENTS,
  MISSED_NOTE,
  NAME_ENDINGS,
  NAME_ROOTS,
  OBSTACLE_ACTIONS,
  OBSTACLE_COMMENTS,
  OBSTACLE_WEIGHTS,
  ORIGINS,
  SENSITIVE_NOTES,
  SENSITIVE_THEMES,
  STREETS,
  STRUCTURE_NOTES,
  TEAM_NOTES,
  AUTHOR_NOTES,
} from './vocabulary.mjs';

export const DAY = 86_400_000;
const MINUTE = 60_000;
const HANDOVER_EXPIRY_DAYS = 15;
const MAX_EVENTS = 30;
const MIN_EVENTS = 10;

/** The tables people's files fill, with the columns written, in the order of the lines. */
export const PEOPLE_TABLES = {
  person: `id, territory_id, given_name, family_name, birth_name, birth_date, search_name,
    identity_key, email, phone, address_line, postal_code, city, caf_number, france_travail_id,
    nir, rights, rights_and_duties, orientation_type, orientation_structure_id, target_job,
    rome_code, mobility_radius_km, contracts_sought, status, restricted, objection, version,
    created_by_membership_id, created_at, updated_at, last_activity_at`,
  team_member: `id, person_id, account_id, membership_id, structure_id, role, joined_at,
    join_reason, left_at, left_reason, left_comment`,
  obstacle: `id, person_id, theme, status, comment, version, created_by_membership_id,
    created_at, updated_at`,
  contract: `id, person_id, type, starts_on, ends_on, version, created_by_membership_id,
    created_at, updated_at`,
  goal: 'id, person_id, title, status, version, created_by_membership_id, created_at, updated_at',
  plan_action: `id, person_id, goal_id, obstacle_id, title, status, starts_on, due_on, version,
    created_by_membership_id, created_at, updated_at`,
  appointment: `id, person_id, starts_at, duration_minutes, with_whom, location, remote, status,
    version, created_by_membership_id, created_at, updated_at`,
  note: `id, person_id, author_account_id, author_structure_id, body, visibility, sensitive,
    version, created_by_membership_id, created_at, updated_at`,
  timeline_event: `id, person_id, occurred_at, actor_account_id, actor_membership_id, type,
    subject_type, subject_id, sensitive, before, after`,
  handover: `id, person_id, territory_id, from_structure_id, from_referent_account_id,
    proposed_by_account_id, proposed_by_membership_id, to_structure_id, to_account_id, reason,
    person_informed, status, created_at, expires_at, decided_at, decided_by_account_id,
    decided_by_membership_id, new_referent_account_id, new_referent_membership_id`,
};

// ---------------------------------------------------------------------------------------------
// COPY text format.
// ---------------------------------------------------------------------------------------------

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text value as COPY reads it: escaped, `\N` for null. */
export function text(value) {
  if (value === null || value === undefined) return '\\N';
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => ESCAPES[char]) : value;
}

/** A value that needs no escaping (ids, numbers, enums, dates), `\N` for null. */
export const raw = (value) => (value === null || value === undefined ? '\\N' : value);
const dates = new Map();

/** `YYYY-MM-DD` of a moment, remembered by day. */
function isoDate(ms) {
  const day = Math.floor(ms / DAY);
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY).toISOString().slice(0, 10);
    dates.set(day, date);
  }
  return date;
}

const PAD2 = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, value) => String(value).padStart(3, '0'));
const dayPrefixes = new Map();

/** A timestamp as COPY reads it, `2026-01-05T09:30:00.000Z`; new Date().toISOString() is slow. */
export function stamp(ms) {
  if (ms === null) return '\\N';
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = `${isoDate(day * DAY)}T`;
    dayPrefixes.set(day, prefix);
  }
  let rest = ms - day * DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / MINUTE);
  rest -= minutes * MINUTE;
  const secs = Math.floor(rest / 1000);
  return `${prefix}${PAD2[hours]}:${PAD2[minutes]}:${PAD2[secs]}.${PAD3[rest - secs * 1000]}Z`;
}
const json = (value) => (value === null ? '\\N' : text(JSON.stringify(value)));
const array = (values) => `{${values.join(',')}}`;

function addMonths(date, months) {
  const [year, month, day] = date.split('-').map(Number);
  return isoDate(Date.UTC(year, month - 1 + months, day));
}

// ---------------------------------------------------------------------------------------------
// Who follows whom.
// ---------------------------------------------------------------------------------------------

const PROFILES = new Weighted([
  ['RSA_SOCIAL', 22],
  ['RSA_SOCIO_PRO', 18],
  ['RSA_PRO', 16],
  ['JOBSEEKER', 16],
  ['YOUTH', 13],
  ['DISABILITY', 5],
  // Waiting for their orientation: no referent yet (10 % of files).
  ['RSA_NEW', 10],
]);

const REFERENT_TYPES = {
  RSA_SOCIAL: new Weighted([
    ['CONSEIL_DEPARTEMENTAL', 60],
    ['CCAS', 25],
    ['ASSOCIATION', 15],
  ]),
  RSA_SOCIO_PRO: new Weighted([
    ['CONSEIL_DEPARTEMENTAL', 50],
    ['ASSOCIATION', 25],
    ['SIAE', 25],
  ]),
  RSA_PRO: new Weighted([['FRANCE_TRAVAIL', 1]]),
  JOBSEEKER: new Weighted([['FRANCE_TRAVAIL', 1]]),
  YOUTH: new Weighted([
    ['MISSION_LOCALE', 85],
    ['FRANCE_TRAVAIL', 15],
  ]),
  DISABILITY: new Weighted([
    ['CAP_EMPLOI', 80],
    ['FRANCE_TRAVAIL', 20],
  ]),
};

const FOLLOWER_TYPES = {
  RSA_SOCIAL: ['CAF', 'CCAS', 'ASSOCIATION', 'MSA'],
  RSA_SOCIO_PRO: ['SIAE', 'ASSOCIATION', 'FRANCE_TRAVAIL', 'CAF'],
  RSA_PRO: ['CONSEIL_DEPARTEMENTAL', 'SIAE', 'CAF'],
  JOBSEEKER: ['SIAE', 'CAF', 'ASSOCIATION'],
  YOUTH: ['FRANCE_TRAVAIL', 'ASSOCIATION', 'CCAS'],
  DISABILITY: ['FRANCE_TRAVAIL', 'CONSEIL_DEPARTEMENTAL', 'CAF'],
  RSA_NEW: ['CAF', 'CONSEIL_DEPARTEMENTAL', 'CCAS'],
};

/** Where a referent before a handover worked, or where an open proposal goes. */
const HANDOVER_TYPES = {
  RSA_SOCIAL: ['FRANCE_TRAVAIL', 'CONSEIL_DEPARTEMENTAL', 'ASSOCIATION'],
  RSA_SOCIO_PRO: ['CONSEIL_DEPARTEMENTAL', 'FRANCE_TRAVAIL', 'SIAE'],
  RSA_PRO: ['CONSEIL_DEPARTEMENTAL', 'ASSOCIATION', 'SIAE'],
  JOBSEEKER: ['FRANCE_TRAVAIL', 'MISSION_LOCALE'],
  YOUTH: ['MISSION_LOCALE', 'FRANCE_TRAVAIL'],
  DISABILITY: ['FRANCE_TRAVAIL', 'CONSEIL_DEPARTEMENTAL', 'CAP_EMPLOI'],
};

const CONTRACT_OF = {
  FRANCE_TRAVAIL: 'PPAE',
  CAP_EMPLOI: 'PPAE',
};

const SEX = new Weighted([
  ['F', 55],
  ['M', 45],
]);

// ---------------------------------------------------------------------------------------------
// The generator.
// ---------------------------------------------------------------------------------------------

export class PeopleGenerator {
  /**
   * @param territory one of buildOrganizations().territories
   * @param options { seed, territoryIndex, today (ms, UTC midnight), searchText, sink, stats }
   */
  constructor(territory, { seed, territoryIndex, today, searchText, sink, stats }) {
    this.territory = territory;
    this.random = new Random(mixSeed(seed, territoryIndex, 0x9e0));
    this.ids = new Random(mixSeed(seed, territoryIndex, 0x1d5));
    this.now = today;
    this.todayDay = Math.floor(today / DAY);
    this.searchText = searchText;
    this.sink = sink;
    this.stats = stats;
    this.taken = new Set();
    this.givenNames = {};
    this.familyNames = {};
    for (const [origin] of ORIGINS) {
      this.givenNames[origin] = {
        F: zipf(GIVEN_NAMES[origin].F, 0.6),
        M: zipf(GIVEN_NAMES[origin].M, 0.6),
      };
      this.familyNames[origin] = zipf(FAMILY_NAMES[origin], origin === 'fr' ? 0.45 : 0.3);
    }
    this.origins = new Weighted(ORIGINS);
    this.themeWeights = Object.fromEntries(
      Object.entries(OBSTACLE_WEIGHTS).map(([profile, weights]) => [
        profile,
        Object.entries(weights),
      ]),
    );
  }

  // --- time ---------------------------------------------------------------------------------

  /** A working-hours moment of an absolute day number, weekends moved back to Friday. */
  moment(day) {
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 is Sunday.
    const workday = weekday === 6 ? day - 1 : weekday === 0 ? day - 2 : day;
    return workday * DAY + this.random.int(7 * 60 + 30, 16 * 60 + 30) * MINUTE;
  }

  /** A moment `minDays` to `maxDays` after `from`, always after it and before now. */
  after(from, minDays, maxDays) {
    const lastDay = this.todayDay - 1;
    const fromDay = Math.floor(from / DAY);
    let day = fromDay + this.random.int(minDays, maxDays);
    if (day > lastDay) day = this.random.int(Math.min(fromDay, lastDay), lastDay);
    let at = this.moment(day);
    if (at <= from) at = from + this.random.int(5, 120) * MINUTE;
    if (at >= this.now) at = from + Math.floor((this.now - from) * this.random.next());
    return at;
  }

  /** A slot on a working day `daysAhead` days from today, on the half hour. */
  upcoming(daysAhead) {
    let day = this.todayDay + daysAhead;
    const weekday = (day + 4) % 7;
    if (weekday === 6) day += 2;
    if (weekday === 0) day += 1;
    return (
      day * DAY + this.random.pick([450, 480, 510, 540, 570, 720, 750, 780, 810, 840]) * MINUTE
    );
  }

  // --- identity -----------------------------------------------------------------------------

  unique(kind, make) {
    for (;;) {
      const value = make();
      const key = `${kind}:${value}`;
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return value;
      }
    }
  }

  identity(profile) {
    const random = this.random;
    const [minAge, maxAge] =
      profile === 'YOUTH' ? [18, 25] : profile === 'JOBSEEKER' ? [26, 64] : [25, 64];
    const sex = SEX.draw(random);
    const origin = this.origins.draw(random);
    const givenName = this.givenNames[origin][sex].draw(random);
    let familyName =
      origin === 'fr' && random.chance(0.5)
        ? `${random.pick(NAME_ROOTS)}${random.pick(NAME_ENDINGS)}`
        : this.familyNames[origin].draw(random);
    if (random.chance(0.04)) {
      const second = this.familyNames[random.chance(0.7) ? origin : 'fr'].draw(random);
      if (second !== familyName && !second.includes(' ')) familyName = `${familyName}-${second}`;
    }
    const age = random.int(minAge, maxAge);
    const married = sex === 'F' && age >= 27 && random.chance(0.4);
    let birthName = null;
    if (married) {
      birthName = this.familyNames[random.chance(0.8) ? origin : 'fr'].draw(random);
      if (birthName === familyName) birthName = null;
    }
    const identityKey = this.searchText(familyName, givenName);
    // The database refuses two people of a territory with the same names and birth date:
    // draw another birth day in the same age until the pair is free.
    const today = new Date(this.now);
    const anniversary = Date.UTC(
      today.getUTCFullYear() - age,
      today.getUTCMonth(),
      today.getUTCDate(),
    );
    let birthDate;
    for (;;) {
      birthDate = isoDate(anniversary - random.int(1, 364) * DAY);
      const key = `name:${identityKey}|${birthDate}`;
      if (!this.taken.has(key)) {
        this.taken.add(key);
        break;
      }
    }
    return {
      sex,
      origin,
      bornAbroad: origin !== 'fr' && random.chance(0.55),
      givenName,
      familyName,
      birthName,
      birthDate,
      identityKey,
      age,
    };
  }

  /** A NIR with its key (97 minus the 13 digits modulo 97), unique in the territory. */
  nir(identity) {
    const random = this.random;
    const [year, month] = identity.birthDate.split('-');
    const place =
      identity.bornAbroad && identity.origin !== 'fr'
        ? `99${random.pick(BIRTH_COUNTRIES[identity.origin])}`
        : `${this.territory.code.padStart(2, '0').slice(0, 2)}${String(random.int(1, 350)).padStart(3, '0')}`;
    return this.unique('nir', () => {
      const body = `${identity.sex === 'M' ? 1 : 2}${year.slice(2)}${month}${place}${String(random.int(1, 999)).padStart(3, '0')}`;
      return body + String(97n - (BigInt(body) % 97n)).padStart(2, '0');
    });
  }

  // --- team ---------------------------------------------------------------------------------

  /** A professional of a structure of this type, none of `excluded` structures. */
  professionalOf(type, excludedStructures) {
    const structures = (this.territory.byType.get(type) ?? []).filter(
      (structure) => !excludedStructures.has(structure.id),
    );
    if (!structures.length) return null;
    const structure = this.random.pick(structures);
    return structure.picker.draw(this.random);
  }

  // --- one person ---------------------------------------------------------------------------

  person() {
    const random = this.random;
    const ids = this.ids;
    const now = this.now;
    const profile = PROFILES.draw(random);
    const identity = this.identity(profile);
    const personId = ids.uuid();

    const sinceDays =
      profile === 'RSA_NEW' ? random.int(10, 60) : 30 + Math.floor(1000 * random.next() ** 1.6);
    const start = this.moment(this.todayDay - sinceDays);
    const sinceStart = this.todayDay - Math.floor(start / DAY);

    // The team: stays of professionals, with their moments.
    const stays = [];
    const handovers = [];
    const usedStructures = new Set();
    const stay = (professional, role, from, joinReason, until = null, leftReason = null) => {
      const row = {
        id: ids.uuid(),
        professional,
        role,
        from,
        until,
        joinReason,
        leftReason,
        leftComment: leftReason === 'LEFT' ? random.pick(LEAVE_COMMENTS) : null,
      };
      stays.push(row);
      return row;
    };

    let referent = null;
    let formerReferent = null;
    if (profile !== 'RSA_NEW') {
      const type = REFERENT_TYPES[profile].draw(random);
      const professional = this.professionalOf(type, usedStructures);
      if (professional) {
        usedStructures.add(professional.structureId);
        if (sinceStart > 90 && random.chance(0.07)) {
          // Handed over once: a former referent elsewhere, then the current one.
          for (const formerType of random.shuffled(HANDOVER_TYPES[profile])) {
            const former = this.professionalOf(formerType, usedStructures);
            if (!former) continue;
            const handoverAt = this.after(start, 30, sinceStart - 10);
            formerReferent = stay(
              former,
              'REFERENT',
              start + MINUTE,
              'A créé le dossier',
              handoverAt,
              'HANDOVER',
            );
            usedStructures.add(former.structureId);
            referent = stay(professional, 'REFERENT', handoverAt, 'Passage de relais');
            const proposedAt = Math.max(
              start + 2 * MINUTE,
              handoverAt - random.int(1, 10) * DAY - random.int(0, 300) * MINUTE,
            );
            handovers.push({
              id: ids.uuid(),
              from: former,
              to: professional,
              toAccount: professional,
              status: 'ACCEPTED',
              createdAt: proposedAt,
              decidedAt: handoverAt,
            });
            break;
          }
        }
        if (!referent)
          referent = stay(professional, 'REFERENT', start + MINUTE, 'A créé le dossier');
      }
    }
    const activeAccounts = new Set(referent ? [referent.professional.accountId] : []);
    let followerCount =
      profile === 'RSA_NEW' ? (random.chance(0.4) ? 2 : 1) : random.pick([0, 0, 1, 1, 1, 2, 2, 3]);
    for (const type of random.shuffled(FOLLOWER_TYPES[profile])) {
      if (followerCount === 0) break;
      const professional = this.professionalOf(type, usedStructures);
      if (!professional || activeAccounts.has(professional.accountId)) continue;
      usedStructures.add(professional.structureId);
      activeAccounts.add(professional.accountId);
      const creator = stays.length === 0;
      stay(
        professional,
        'FOLLOWER',
        creator ? start + MINUTE : this.after(start, 3, 120),
        creator
          ? 'A créé le dossier'
          : JOIN_REASONS[type].replace('{e}', identity.sex === 'F' ? 'e' : ''),
      );
      followerCount -= 1;
    }
    if (stays.length === 0) {
      // A territory without the structures drawn: the Département follows the file.
      const professional = this.territory.structures[0].picker.draw(random);
      activeAccounts.add(professional.accountId);
      usedStructures.add(professional.structureId);
      stay(professional, 'FOLLOWER', start + MINUTE, 'A créé le dossier');
    }
    if (random.chance(0.08) && sinceStart > 60) {
      // Someone who followed for a while and left.
      const type = random.pick(FOLLOWER_TYPES[profile]);
      const professional = this.professionalOf(type, usedStructures);
      if (professional && !activeAccounts.has(professional.accountId)) {
        const from = this.after(start, 1, 60);
        stay(
          professional,
          'FOLLOWER',
          from,
          JOIN_REASONS[type].replace('{e}', identity.sex === 'F' ? 'e' : ''),
          this.after(from, 20, 200),
          'LEFT',
        );
      }
    }
    const openHandover =
      referent && !referent.professional.known && !formerReferent && random.chance(0.005);

    // How many of each: the creations are certain, within 30 events in all.
    const themes = new Set();
    const rightsRqth = profile === 'DISABILITY';
    if (rightsRqth) themes.add('DISABILITY');
    if (identity.bornAbroad && identity.origin !== 'portugal' && random.chance(0.5)) {
      themes.add('LANGUAGE');
    }
    let obstacleCount = Math.max(themes.size, random.pick([0, 1, 1, 2, 2, 3, 3, 4, 5]));
    let goalCount = random.int(0, profile === 'RSA_NEW' ? 2 : 3);
    let actionCount = random.int(0, 4);
    const hasContract = referent !== null && random.chance(0.7);
    const appointmentCount = random.pick([0, 1, 1, 2, 2, 3]);
    const futureAppointments = [];
    let futureTaken = false;
    for (let index = 0; index < appointmentCount; index += 1) {
      const future = !futureTaken && random.chance(0.4);
      futureTaken ||= future;
      futureAppointments.push(future);
    }
    let noteCount = random.int(0, 4);
    const fixed =
      1 +
      stays.filter((entry) => entry !== referent || !formerReferent).length +
      stays.filter((entry) => entry.leftReason === 'LEFT').length +
      handovers.length * 2 +
      (openHandover ? 1 : 0) +
      (hasContract ? 1 : 0) +
      appointmentCount +
      futureAppointments.filter((future) => !future).length;
    while (fixed + obstacleCount + goalCount + actionCount + noteCount > MAX_EVENTS) {
      if (noteCount > 0) noteCount -= 1;
      else if (actionCount > 0) actionCount -= 1;
      else if (obstacleCount > themes.size) obstacleCount -= 1;
      else if (goalCount > 0) goalCount -= 1;
      else break;
    }
    const target = random.int(MIN_EVENTS, MAX_EVENTS);

    // Events, gathered then written in time order.
    const events = [];
    const actorAt = (at, referentFirst = 0.7) => {
      const present = stays.filter(
        (entry) => entry.from <= at && (entry.until === null || entry.until > at),
      );
      const current = present.find((entry) => entry.role === 'REFERENT');
      if (current && (present.length === 1 || random.chance(referentFirst)))
        return current.professional;
      return (present.length ? random.pick(present) : stays[0]).professional;
    };
    const event = (at, actor, type, subjectType, subjectId, before, after, sensitive = false) => {
      events.push({ at, actor, type, subjectType, subjectId, before, after, sensitive });
    };
    /** Status changes that may be written if the timeline has room: run in order, later. */
    const optional = [];

    const feminine = identity.sex === 'F' ? 'e' : '';
    const words = (body) =>
      body
        .replace(/\{civ\}/g, identity.sex === 'F' ? 'Mme' : 'M.')
        .replace(/\{nom\}/g, identity.familyName)
        .replace(/\{e\}/g, feminine);

    // The person.
    const rsa = profile.startsWith('RSA_') || (profile === 'DISABILITY' && random.chance(0.35));
    const rights = [];
    if (rsa) rights.push('RSA');
    if (profile === 'JOBSEEKER') rights.push(random.chance(0.6) ? 'ARE' : 'ASS');
    if (profile === 'YOUTH' && random.chance(0.15)) rights.push('ARE');
    if (profile === 'DISABILITY') {
      if (!rsa) rights.push(random.chance(0.5) ? 'AAH' : 'ARE');
      rights.push('RQTH');
    }
    const atFranceTravail =
      profile === 'RSA_PRO' ||
      profile === 'JOBSEEKER' ||
      profile === 'DISABILITY' ||
      (profile === 'YOUTH' && random.chance(0.6)) ||
      (profile === 'RSA_SOCIO_PRO' && random.chance(0.3));
    const orientationType = !referent
      ? null
      : profile === 'RSA_SOCIAL'
        ? 'SOCIAL'
        : profile === 'RSA_SOCIO_PRO'
          ? 'SOCIO_PROFESSIONAL'
          : profile === 'YOUTH'
            ? random.pick(['SOCIO_PROFESSIONAL', 'PROFESSIONAL'])
            : 'PROFESSIONAL';
    const hasProject =
      profile === 'RSA_PRO' ||
      profile === 'JOBSEEKER' ||
      profile === 'DISABILITY' ||
      (profile === 'YOUTH' && random.chance(0.4)) ||
      (profile === 'RSA_SOCIO_PRO' && random.chance(0.2));
    const job = hasProject ? random.pick(JOBS) : null;
    const contractsSought = new Set();
    if (job) {
      const options =
        profile === 'YOUTH'
          ? ['APPRENTICESHIP', 'CDD', 'INTERIM']
          : profile === 'RSA_SOCIO_PRO'
            ? ['SUBSIDISED', 'CDD', 'PART_TIME']
            : ['CDI', 'CDD', 'INTERIM', 'PART_TIME'];
      const count = random.int(1, 3);
      for (let index = 0; index < count; index += 1) contractsSought.add(random.pick(options));
    }
    const [city, postalCode] = random.pick(this.territory.towns);
    const asciiGiven = this.searchText(identity.givenName).replace(/ /g, '-');
    const asciiFamily = this.searchText(identity.familyName).replace(/ /g, '');
    const phone = () => `063998${random.digits(4)}`;
    const address = () =>
      `${random.int(1, 120)}${random.chance(0.1) ? ' bis' : ''} ${random.pick(STREETS)}`;
    const person = {
      email: random.chance(0.55)
        ? `${asciiGiven}.${asciiFamily}${random.chance(0.3) ? random.int(1, 99) : ''}@${random.pick(['example.org', 'example.net', 'example.com'])}`
        : null,
      // Numbers of the range the telecom regulator (ARCEP) keeps for fiction: 06 39 98 xx xx.
      phone: random.chance(0.85) ? phone() : null,
      addressLine: address(),
      cafNumber:
        rsa || random.chance(0.5)
          ? this.unique('caf', () => `${random.int(1, 9)}${random.digits(6)}`)
          : null,
      franceTravailId: atFranceTravail
        ? this.unique(
            'ft',
            () => `${random.digits(7)}${String.fromCharCode(65 + random.int(0, 25))}`,
          )
        : null,
      nir: random.chance(0.6) ? this.nir(identity) : null,
      mobilityRadiusKm: job ? random.pick([5, 10, 15, 20, 30, 50]) : null,
    };

    const creator = stays[0];
    event(
      start,
      creator.professional,
      'person.created',
      'Person',
      personId,
      null,
      { givenName: identity.givenName, familyName: identity.familyName },
      rightsRqth,
    );
    for (const entry of stays) {
      if (entry === referent && formerReferent) continue; // the handover's acceptance says it
      event(entry.from, entry.professional, 'team.joined', 'TeamMember', entry.id, null, {
        role: entry.role,
        structureId: entry.professional.structureId,
        accountId: entry.professional.accountId,
      });
      if (entry.leftReason === 'LEFT') {
        event(
          entry.until,
          entry.professional,
          'team.left',
          'TeamMember',
          entry.id,
          { role: entry.role, structureId: entry.professional.structureId },
          { comment: entry.leftComment },
        );
      }
    }
    for (const handover of handovers) {
      event(handover.createdAt, handover.from, 'handover.proposed', 'Handover', handover.id, null, {
        fromStructureId: handover.from.structureId,
        toStructureId: handover.to.structureId,
        toAccountId: handover.toAccount?.accountId ?? null,
      });
      event(
        handover.decidedAt,
        handover.to,
        'handover.accepted',
        'Handover',
        handover.id,
        {
          referentAccountId: handover.from.accountId,
          referentStructureId: handover.from.structureId,
        },
        {
          referentAccountId: handover.to.accountId,
          referentStructureId: handover.to.structureId,
          formerReferentStaysAsFollower: false,
        },
      );
    }
    if (openHandover) {
      for (const type of random.shuffled(HANDOVER_TYPES[profile])) {
        const target = this.professionalOf(type, new Set([referent.professional.structureId]));
        if (!target) continue;
        const createdAt = Math.max(
          start + MINUTE * 3,
          this.moment(this.todayDay - random.int(1, 10)),
        );
        const handover = {
          id: ids.uuid(),
          from: referent.professional,
          to: null,
          toStructureId: target.structureId,
          toAccount: random.chance(0.7) ? target : null,
          status: 'PROPOSED',
          createdAt,
          decidedAt: null,
        };
        handovers.push(handover);
        event(
          createdAt,
          referent.professional,
          'handover.proposed',
          'Handover',
          handover.id,
          null,
          {
            fromStructureId: referent.professional.structureId,
            toStructureId: target.structureId,
            toAccountId: handover.toAccount?.accountId ?? null,
          },
        );
        break;
      }
    }

    // Diagnostic.
    const weights = this.themeWeights[profile];
    while (themes.size < obstacleCount) {
      let total = 0;
      for (const [theme, weight] of weights) if (!themes.has(theme)) total += weight;
      if (total === 0) break;
      let roll = random.next() * total;
      for (const [theme, weight] of weights) {
        if (themes.has(theme)) continue;
        roll -= weight;
        if (roll < 0) {
          themes.add(theme);
          break;
        }
      }
    }
    const obstacles = [];
    for (const theme of themes) {
      const added = this.after(start, 0, 21);
      const sensitive = SENSITIVE_THEMES.has(theme);
      const actor = actorAt(added, 0.85);
      const row = {
        id: ids.uuid(),
        theme,
        status: 'IDENTIFIED',
        comment: words(random.pick(OBSTACLE_COMMENTS[theme])),
        version: 1,
        createdBy: actor.membershipId,
        createdAt: added,
        updatedAt: added,
        sensitive,
      };
      event(
        added,
        actor,
        'obstacle.added',
        'Obstacle',
        row.id,
        null,
        {
          theme,
          status: row.status,
          comment: row.comment,
        },
        sensitive,
      );
      const goal = random.pick(['IDENTIFIED', 'BEING_ADDRESSED', 'BEING_ADDRESSED', 'RESOLVED']);
      const steps =
        goal === 'IDENTIFIED'
          ? []
          : goal === 'RESOLVED'
            ? ['BEING_ADDRESSED', 'RESOLVED']
            : ['BEING_ADDRESSED'];
      if (steps.length) optional.push({ row, steps, kind: 'obstacle' });
      obstacles.push(row);
    }

    // Contract, goals, actions.
    let contract = null;
    if (hasContract) {
      const at = this.after(start, 7, 30);
      const signer = actorAt(at, 1);
      const type =
        CONTRACT_OF[signer.type] ??
        (signer.type === 'MISSION_LOCALE' ? (random.chance(0.6) ? 'CEJ' : 'PACEA') : 'CER');
      const startsOn = isoDate(at);
      contract = {
        id: ids.uuid(),
        type,
        startsOn,
        endsOn:
          type === 'PPAE'
            ? null
            : addMonths(startsOn, type === 'PACEA' ? 18 : random.pick([6, 12, 12])),
        createdBy: signer.membershipId,
        createdAt: at,
      };
      event(at, signer, 'contract.added', 'Contract', contract.id, null, {
        type,
        startsOn,
        endsOn: contract.endsOn,
      });
    }
    const goalsAt = contract ? contract.createdAt : this.after(start, 0, 14);
    const templates = random.shuffled(GOALS[GOALS_OF[profile]]).slice(0, goalCount);
    const goals = templates.map((template, index) => {
      const at = Math.min(goalsAt + (index + 1) * 2 * MINUTE, now - MINUTE);
      const actor = actorAt(at, 1);
      const row = {
        id: ids.uuid(),
        title: template.title,
        status: 'IN_PROGRESS',
        version: 1,
        createdBy: actor.membershipId,
        createdAt: at,
        updatedAt: at,
        template,
      };
      event(at, actor, 'goal.added', 'Goal', row.id, null, {
        title: row.title,
        status: row.status,
      });
      if (random.chance(0.25)) {
        optional.push({
          row,
          steps: [random.chance(0.75) ? 'ACHIEVED' : 'ABANDONED'],
          kind: 'goal',
        });
      }
      return row;
    });
    const candidates = [];
    for (const obstacle of random.shuffled(obstacles)) {
      candidates.push({ title: random.pick(OBSTACLE_ACTIONS[obstacle.theme]), obstacle });
    }
    for (const goal of goals) {
      for (const title of goal.template.actions) candidates.push({ title, obstacle: null });
    }
    const actions = [];
    const titles = new Set();
    for (const candidate of candidates) {
      if (actions.length >= actionCount) break;
      if (titles.has(candidate.title)) continue;
      titles.add(candidate.title);
      const goal = goals.length ? random.pick(goals) : null;
      const created = this.after(
        Math.max(goal?.createdAt ?? start, candidate.obstacle?.createdAt ?? start),
        0,
        30,
      );
      const sensitive = candidate.obstacle?.sensitive ?? false;
      const actor = actorAt(created);
      const row = {
        id: ids.uuid(),
        goalId: goal?.id ?? null,
        obstacleId: candidate.obstacle?.id ?? null,
        title: candidate.title,
        status: 'PLANNED',
        startsOn: isoDate(created),
        dueOn: isoDate(created + random.int(3, 10) * 7 * DAY),
        version: 1,
        createdBy: actor.membershipId,
        createdAt: created,
        updatedAt: created,
        sensitive,
      };
      event(
        created,
        actor,
        'action.added',
        'PlanAction',
        row.id,
        null,
        {
          title: row.title,
          status: row.status,
          startsOn: row.startsOn,
          dueOn: row.dueOn,
          goalId: row.goalId,
          obstacleId: row.obstacleId,
        },
        sensitive,
      );
      const end = random.pick([
        'PLANNED',
        'IN_PROGRESS',
        'IN_PROGRESS',
        'DONE',
        'DONE',
        'ABANDONED',
      ]);
      if (end !== 'PLANNED') {
        optional.push({
          row,
          steps: end === 'IN_PROGRESS' ? [end] : ['IN_PROGRESS', end],
          kind: 'action',
        });
      }
      actions.push(row);
    }

    // Notes and appointments.
    const notes = [];
    const note = (at, author, body, visibility, sensitive = false) => {
      const row = {
        id: ids.uuid(),
        author,
        body: words(body),
        visibility,
        sensitive,
        createdAt: at,
      };
      notes.push(row);
      event(at, author, 'note.added', 'Note', row.id, null, { visibility, sensitive }, sensitive);
    };
    const appointments = [];
    for (const future of futureAppointments) {
      const startsAt = future
        ? this.upcoming(random.int(1, 21))
        : Math.floor(this.after(start, 7, Math.max(7, sinceStart)) / (15 * MINUTE)) * 15 * MINUTE;
      const scheduledAt = future
        ? this.after(Math.max(start, now - 14 * DAY), 0, 13)
        : Math.max(start + 30 * MINUTE, startsAt - random.int(3, 21) * DAY);
      const owner = future ? actorAt(now - MINUTE, 0.8) : actorAt(scheduledAt, 0.8);
      const remote = random.chance(0.2);
      const row = {
        id: ids.uuid(),
        startsAt,
        durationMinutes: random.pick([30, 45, 45, 60]),
        withWhom: owner.label,
        location: remote ? null : owner.location,
        remote,
        status: 'PLANNED',
        version: 1,
        createdBy: owner.membershipId,
        createdAt: scheduledAt,
        updatedAt: scheduledAt,
      };
      event(scheduledAt, owner, 'appointment.scheduled', 'Appointment', row.id, null, {
        startsAt: new Date(startsAt).toISOString(),
        durationMinutes: row.durationMinutes,
        withWhom: row.withWhom,
        location: row.location,
        remote,
        status: row.status,
      });
      if (!future) {
        const outcome = random.pick([
          'HONORED',
          'HONORED',
          'HONORED',
          'HONORED',
          'MISSED',
          'CANCELLED',
        ]);
        const when = Math.min(
          startsAt + (row.durationMinutes + random.int(5, 120)) * MINUTE,
          now - random.int(2, 600) * MINUTE,
        );
        const at = Math.max(when, scheduledAt + MINUTE);
        event(
          at,
          owner,
          'appointment.updated',
          'Appointment',
          row.id,
          { status: 'PLANNED' },
          {
            status: outcome,
          },
        );
        row.status = outcome;
        row.version = 2;
        row.updatedAt = at;
        if (noteCount > notes.length && outcome !== 'CANCELLED' && random.chance(0.6)) {
          note(
            at + MINUTE,
            owner,
            outcome === 'MISSED' ? MISSED_NOTE : random.pick(HONORED_NOTES),
            'TEAM',
          );
        }
      }
      appointments.push(row);
    }
    const sensitiveThemes = obstacles.filter((row) => row.sensitive).map((row) => row.theme);
    if (noteCount > notes.length && random.chance(0.35)) {
      const at = this.after(start, 0, 3);
      note(at, actorAt(at, 1), FIRST_NOTE, 'TEAM');
    }
    while (notes.length < noteCount) {
      const recent = notes.length === noteCount - 1 && random.chance(0.6);
      const at = recent
        ? this.after(Math.max(start, now - 7 * DAY), 0, 6)
        : this.after(start, 1, sinceStart);
      const sensitiveTheme =
        sensitiveThemes.length && random.chance(0.5) ? random.pick(sensitiveThemes) : null;
      const visibility = sensitiveTheme
        ? random.pick(['TEAM', 'STRUCTURE'])
        : random.pick(['TEAM', 'TEAM', 'STRUCTURE', 'AUTHOR']);
      const body = sensitiveTheme
        ? SENSITIVE_NOTES[sensitiveTheme]
        : random.pick(
            visibility === 'TEAM'
              ? TEAM_NOTES
              : visibility === 'STRUCTURE'
                ? STRUCTURE_NOTES
                : AUTHOR_NOTES,
          );
      note(at, actorAt(at, 0.75), body, visibility, sensitiveTheme !== null);
    }

    // Status changes while the timeline has room, then changes of contact details.
    for (const change of random.shuffled(optional)) {
      for (const next of change.steps) {
        if (events.length >= target) break;
        const when = this.after(change.row.updatedAt, change.kind === 'goal' ? 30 : 5, 75);
        const sensitive = change.row.sensitive ?? false;
        const type = `${change.kind === 'obstacle' ? 'obstacle' : change.kind === 'goal' ? 'goal' : 'action'}.updated`;
        const subject =
          change.kind === 'obstacle' ? 'Obstacle' : change.kind === 'goal' ? 'Goal' : 'PlanAction';
        event(
          when,
          actorAt(when),
          type,
          subject,
          change.row.id,
          { status: change.row.status },
          { status: next },
          sensitive,
        );
        change.row.status = next;
        change.row.version += 1;
        change.row.updatedAt = when;
      }
    }
    let personVersion = 1;
    let personUpdatedAt = start;
    const changes = [];
    while (events.length + changes.length < target) {
      changes.push(
        random.pick(['phone', 'addressLine', 'addressLine', 'email', 'mobilityRadiusKm']),
      );
    }
    if (changes.length) {
      const moments = changes.map(() => this.after(start, 1, sinceStart)).sort((a, b) => a - b);
      // Each field's changes in time order, the last one giving the value the file holds.
      const history = {};
      changes.forEach((field, index) => (history[field] ??= []).push(moments[index]));
      for (const [field, times] of Object.entries(history)) {
        const current = person[field];
        const values = times.map(() =>
          field === 'phone'
            ? phone()
            : field === 'addressLine'
              ? address()
              : field === 'email'
                ? `${asciiGiven}${random.int(1, 999)}@example.org`
                : random.pick([5, 10, 20, 30]),
        );
        values.push(current);
        times.forEach((at, index) => {
          event(
            at,
            actorAt(at),
            'person.updated',
            'Person',
            personId,
            { [field]: values[index] },
            {
              [field]: values[index + 1],
            },
          );
        });
      }
      personVersion += changes.length;
      personUpdatedAt = moments[moments.length - 1];
    }

    // Write the rows.
    const sink = this.sink;
    const stats = this.stats;
    events.sort((a, b) => a.at - b.at);
    const lastActivity = events[events.length - 1].at;
    const tid = this.territory.id;
    sink.row(
      'person',
      [
        personId,
        tid,
        text(identity.givenName),
        text(identity.familyName),
        text(identity.birthName),
        identity.birthDate,
        text(this.searchText(identity.familyName, identity.givenName, identity.birthName)),
        text(identity.identityKey),
        text(person.email),
        raw(person.phone),
        text(person.addressLine),
        postalCode,
        text(city),
        raw(person.cafNumber),
        raw(person.franceTravailId),
        raw(person.nir),
        array(rights),
        rsa ? 't' : 'f',
        raw(orientationType),
        raw(referent?.professional.structureId),
        text(job ? job[0] : null),
        raw(job ? job[1] : null),
        raw(person.mobilityRadiusKm),
        array([...contractsSought]),
        'ACTIVE',
        random.chance(0.002) ? 't' : 'f',
        random.chance(0.005) ? 't' : 'f',
        personVersion,
        creator.professional.membershipId,
        stamp(start),
        stamp(personUpdatedAt),
        stamp(lastActivity),
      ].join('\t'),
    );
    for (const entry of stays) {
      const professional = entry.professional;
      sink.row(
        'team_member',
        [
          entry.id,
          personId,
          professional.accountId,
          professional.membershipId,
          professional.structureId,
          entry.role,
          stamp(entry.from),
          text(entry.joinReason),
          stamp(entry.until),
          raw(entry.leftReason),
          text(entry.leftComment),
        ].join('\t'),
      );
      if (entry.until === null) {
        professional.teams = (professional.teams ?? 0) + 1;
        if (entry.role === 'REFERENT') professional.referentOf = (professional.referentOf ?? 0) + 1;
      }
    }
    for (const row of obstacles) {
      sink.row(
        'obstacle',
        [
          row.id,
          personId,
          row.theme,
          row.status,
          text(row.comment),
          row.version,
          row.createdBy,
          stamp(row.createdAt),
          stamp(row.updatedAt),
        ].join('\t'),
      );
    }
    if (contract) {
      sink.row(
        'contract',
        [
          contract.id,
          personId,
          contract.type,
          contract.startsOn,
          raw(contract.endsOn),
          1,
          contract.createdBy,
          stamp(contract.createdAt),
          stamp(contract.createdAt),
        ].join('\t'),
      );
    }
    for (const row of goals) {
      sink.row(
        'goal',
        [
          row.id,
          personId,
          text(row.title),
          row.status,
          row.version,
          row.createdBy,
          stamp(row.createdAt),
          stamp(row.updatedAt),
        ].join('\t'),
      );
    }
    for (const row of actions) {
      sink.row(
        'plan_action',
        [
          row.id,
          personId,
          raw(row.goalId),
          raw(row.obstacleId),
          text(row.title),
          row.status,
          row.startsOn,
          row.dueOn,
          row.version,
          row.createdBy,
          stamp(row.createdAt),
          stamp(row.updatedAt),
        ].join('\t'),
      );
    }
    for (const row of appointments) {
      sink.row(
        'appointment',
        [
          row.id,
          personId,
          stamp(row.startsAt),
          row.durationMinutes,
          text(row.withWhom),
          text(row.location),
          row.remote ? 't' : 'f',
          row.status,
          row.version,
          row.createdBy,
          stamp(row.createdAt),
          stamp(row.updatedAt),
        ].join('\t'),
      );
    }
    for (const row of notes) {
      sink.row(
        'note',
        [
          row.id,
          personId,
          row.author.accountId,
          row.author.structureId,
          text(row.body),
          row.visibility,
          row.sensitive ? 't' : 'f',
          1,
          row.author.membershipId,
          stamp(row.createdAt),
          stamp(row.createdAt),
        ].join('\t'),
      );
    }
    for (const handover of handovers) {
      const accepted = handover.status === 'ACCEPTED';
      sink.row(
        'handover',
        [
          handover.id,
          personId,
          tid,
          handover.from.structureId,
          handover.from.accountId,
          handover.from.accountId,
          handover.from.membershipId,
          accepted ? handover.to.structureId : handover.toStructureId,
          raw(handover.toAccount?.accountId),
          text(random.pick(HANDOVER_REASONS)),
          't',
          handover.status,
          stamp(handover.createdAt),
          stamp(handover.createdAt + HANDOVER_EXPIRY_DAYS * DAY),
          stamp(handover.decidedAt),
          raw(accepted ? handover.to.accountId : null),
          raw(accepted ? handover.to.membershipId : null),
          raw(accepted ? handover.to.accountId : null),
          raw(accepted ? handover.to.membershipId : null),
        ].join('\t'),
      );
      if (!accepted) stats.openHandovers += 1;
    }
    for (const entry of events) {
      sink.row(
        'timeline_event',
        [
          ids.uuid(),
          personId,
          stamp(entry.at),
          entry.actor.accountId,
          entry.actor.membershipId,
          entry.type,
          entry.subjectType,
          entry.subjectId,
          entry.sensitive ? 't' : 'f',
          json(entry.before),
          json(entry.after),
        ].join('\t'),
      );
    }
    stats.people += 1;
    if (!referent) stats.withoutReferent += 1;
    stats.events += events.length;
    if (events.length < stats.minEvents) stats.minEvents = events.length;
    if (events.length > stats.maxEvents) stats.maxEvents = events.length;
  }
}
