import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessLogWriter, forbidden } from '@relais/access';
import {
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
  encodeCursor,
  type Page,
  toPage,
} from '@relais/core';
import { preparedQuery } from '@relais/database';
import { EventType } from '@relais/events';
import { type MembershipGrant, type Principal, Role } from '@relais/identity';
import { StructureEntity } from '@relais/organizations';
import { searchPosition, timePosition } from '../file/cursor-positions.js';
import { FileAccessService, type FileScope } from '../file/file-access.service.js';
import { changedFields, updateVersioned } from '../file/versioned-update.js';
import { OrientationType, SENSITIVE_RIGHTS, TeamRole } from '../pathway.enums.js';
import { TeamMemberEntity } from '../team/team-member.entity.js';
import { appendTimeline } from '../timeline/timeline.writer.js';
import { normalizeNir } from './nir.js';
import { PersonEntity } from './person.entity.js';
import type {
  CaseloadFilter,
  NewPerson,
  PersonFields,
  ProfessionalProject,
} from './person.inputs.js';
import {
  type CaseloadRow,
  REFERENT_JOIN,
  SUMMARY_COLUMNS,
  type SummaryRow,
  summaryOf,
} from './person-summary.query.js';
import { personFileView, type PersonFileView, type PersonSummaryView } from './person.views.js';
import { searchText } from './search-text.js';

export interface CreatedPerson {
  readonly summary: PersonSummaryView;
  /** The file, when the creator joined its team. */
  readonly file: PersonFileView | null;
}

export interface CaseloadEntry {
  readonly summary: PersonSummaryView;
  readonly myRole: TeamRole;
  readonly orientationType: OrientationType | null;
  readonly lastActivityAt: Date;
  readonly referentName: string | null;
  readonly nextAppointmentAt: Date | null;
  readonly openGoals: number;
  /** This entry's position, as an `after` cursor. */
  readonly cursor: string;
}

/** Words of a search that count; more are ignored. */
const SEARCH_MAX_WORDS = 5;

/** Roles that find people of their territory through search (the minimal view). */
const SEARCH_ROLES: readonly Role[] = [
  Role.PROFESSIONAL,
  Role.ORIENTATION_MANAGER,
  Role.STRUCTURE_ADMIN,
];

/** Fields whose values the timeline never repeats. */
const MASKED_FIELDS = ['nir'];

function activeMembershipIds(principal: Principal): string[] {
  return principal.memberships.map((membership) => membership.id);
}

function normalizedFields(fields: PersonFields): Partial<PersonEntity> {
  const clean = (value: string | null | undefined) =>
    value === undefined ? undefined : value === null ? null : value.trim() || null;
  return {
    givenName: fields.givenName.trim(),
    familyName: fields.familyName.trim(),
    birthName: clean(fields.birthName),
    birthDate: fields.birthDate,
    email: clean(fields.email),
    phone: fields.phone === undefined ? undefined : (fields.phone?.replace(/[\s.]/g, '') ?? null),
    addressLine: clean(fields.addressLine),
    postalCode: clean(fields.postalCode),
    city: clean(fields.city),
    cafNumber: clean(fields.cafNumber),
    franceTravailId:
      fields.franceTravailId === undefined
        ? undefined
        : (clean(fields.franceTravailId)?.toUpperCase() ?? null),
    nir: fields.nir === undefined ? undefined : fields.nir ? normalizeNir(fields.nir) : null,
    rights: fields.rights === undefined ? undefined : [...new Set(fields.rights ?? [])],
    rightsAndDuties: fields.rightsAndDuties ?? undefined,
  };
}

/**
 * People and the fields of their file that hang on them alone: creation (with duplicate
 * detection), identity, rights, orientation, professional project, RGPD flags; opening a file
 * (logged), the caseload and the search of a territory.
 */
@Injectable()
export class PersonService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FileAccessService,
    private readonly accessLog: AccessLogWriter,
  ) {}

  async create(principal: Principal, input: NewPerson): Promise<CreatedPerson> {
    const acting = this.creatorOf(principal, input);
    const fields = normalizedFields(input);
    return this.dataSource.transaction(async (manager) => {
      if (input.orientationStructureId) {
        await this.requireStructureOf(
          manager,
          input.territoryId,
          input.orientationStructureId,
          'orientationStructureId',
        );
      }
      const identityKey = searchText(fields.familyName, fields.givenName);
      await this.refuseDuplicate(manager, principal, input.territoryId, {
        identityKey,
        birthDate: input.birthDate,
        cafNumber: fields.cafNumber ?? null,
        franceTravailId: fields.franceTravailId ?? null,
        nir: fields.nir ?? null,
      });
      const person = await manager.save(
        manager.create(PersonEntity, {
          ...fields,
          territoryId: input.territoryId,
          searchName: searchText(fields.familyName, fields.givenName, fields.birthName),
          identityKey,
          orientationType: input.orientationType ?? null,
          orientationStructureId: input.orientationStructureId ?? null,
          createdByMembershipId: acting.membership?.id ?? null,
          createdByClientId: principal.kind === 'client' ? principal.clientId : null,
        }),
      );
      const actor = {
        personId: person.id,
        accountId: principal.kind === 'account' ? principal.accountId : null,
        membershipId: acting.membership?.id ?? null,
        clientId: principal.kind === 'client' ? principal.clientId : null,
      };
      await appendTimeline(manager, actor, {
        type: EventType.PERSON_CREATED,
        subjectType: 'Person',
        subjectId: person.id,
        sensitive: person.rights.some((right) => SENSITIVE_RIGHTS.includes(right)),
        after: { givenName: person.givenName, familyName: person.familyName },
      });
      let joined = false;
      if (acting.teamRole && acting.membership && principal.kind === 'account') {
        const stay = await manager.save(
          manager.create(TeamMemberEntity, {
            personId: person.id,
            accountId: principal.accountId,
            membershipId: acting.membership.id,
            structureId: acting.membership.structureId as string,
            role: acting.teamRole,
            joinReason: 'A créé le dossier',
          }),
        );
        await appendTimeline(manager, actor, {
          type: EventType.TEAM_JOINED,
          subjectType: 'TeamMember',
          subjectId: stay.id,
          after: { role: stay.role, structureId: stay.structureId },
        });
        joined = true;
      }
      const summary = await this.summaryById(manager, principal, person.id);
      if (!joined) return { summary, file: null };
      const scope = await this.files.readScope(principal, person.id, manager);
      const saved = await manager.findOneByOrFail(PersonEntity, { id: person.id });
      return { summary, file: personFileView(saved, scope) };
    });
  }

  /** Opens a full file: one access-log row per read, with its ground. */
  async open(principal: Principal, personId: string): Promise<PersonFileView> {
    const { scope, person } = await this.files.openScope(principal, personId);
    await this.accessLog.recordFileRead(scope.viewer);
    return personFileView(person, scope);
  }

  async update(
    principal: Principal,
    personId: string,
    version: number,
    input: PersonFields,
  ): Promise<PersonFileView> {
    return this.change(
      principal,
      personId,
      version,
      EventType.PERSON_UPDATED,
      async (manager, person) => {
        const fields = normalizedFields(input);
        const identityKey = searchText(fields.familyName, fields.givenName);
        await this.refuseDuplicate(
          manager,
          principal,
          person.territoryId,
          {
            identityKey,
            birthDate: input.birthDate,
            cafNumber: fields.cafNumber ?? null,
            franceTravailId: fields.franceTravailId ?? null,
            nir: fields.nir ?? null,
          },
          person.id,
        );
        return {
          ...fields,
          identityKey,
          searchName: searchText(fields.familyName, fields.givenName, fields.birthName),
        };
      },
    );
  }

  async updateProject(
    principal: Principal,
    personId: string,
    version: number,
    project: ProfessionalProject,
  ): Promise<PersonFileView> {
    return this.change(principal, personId, version, EventType.PROJECT_UPDATED, () =>
      Promise.resolve({
        targetJob: project.targetJob?.trim() || null,
        romeCode: project.romeCode?.toUpperCase() ?? null,
        mobilityRadiusKm: project.mobilityRadiusKm ?? null,
        contractsSought: [...new Set(project.contractsSought ?? [])],
      }),
    );
  }

  /** Orientation is decided by an orientation manager of the territory. */
  async setOrientation(
    principal: Principal,
    personId: string,
    version: number,
    orientationType: OrientationType,
    structureId: string,
  ): Promise<PersonFileView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.readScope(principal, personId, manager);
      const acting = principal.memberships.find(
        (membership) =>
          membership.role === Role.ORIENTATION_MANAGER &&
          membership.territoryId === scope.viewer.territoryId,
      );
      if (!acting) throw forbidden();
      await this.requireStructureOf(manager, scope.viewer.territoryId, structureId, 'structureId');
      const viewer = { ...scope.viewer, membershipId: acting.id };
      return this.applyChange(
        manager,
        { ...scope, viewer },
        version,
        EventType.ORIENTATION_DECIDED,
        () => Promise.resolve({ orientationType, orientationStructureId: structureId }),
      );
    });
  }

  /**
   * RGPD restriction and objection (DOMAIN.md rule 8), set by the referent: the only change a
   * restricted file accepts.
   */
  async setProcessingLimits(
    principal: Principal,
    personId: string,
    version: number,
    limits: { restricted: boolean; objection: boolean },
  ): Promise<PersonFileView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.readScope(principal, personId, manager);
      if (scope.viewer.teamRole !== TeamRole.REFERENT) {
        throw new DomainError(
          DomainErrorCode.Forbidden,
          DomainErrorReason.ReferentOnly,
          'Only the referent records a restriction or an objection.',
        );
      }
      return this.applyChange(manager, scope, version, EventType.PROCESSING_LIMITS_UPDATED, () =>
        Promise.resolve(limits),
      );
    });
  }

  async caseload(
    principal: Principal,
    first: number,
    after: string | null | undefined,
    filter: CaseloadFilter,
  ): Promise<Page<CaseloadEntry>> {
    // The caller's active memberships by account, not as an array of ids: the prepared plan is
    // generic, and an array of unknown length made it scan in parallel.
    const params: unknown[] = [principal.kind === 'account' ? principal.accountId : null];
    const where: string[] = [];
    if (filter.myRole) {
      params.push(filter.myRole);
      where.push(`me.role = $${params.length}`);
    }
    if (filter.orientationType) {
      params.push(filter.orientationType);
      where.push(`p.orientation_type = $${params.length}`);
    }
    const text = filter.text ? searchText(filter.text) : '';
    if (text) {
      params.push(`%${text}%`);
      where.push(`p.search_name LIKE $${params.length}`);
    }
    if (typeof filter.openHandover === 'boolean') {
      where.push(
        `${filter.openHandover ? '' : 'NOT '}EXISTS (SELECT 1 FROM handover h
           WHERE h.person_id = p.id AND h.status = 'PROPOSED')`,
      );
    }
    if (after) {
      params.push(...timePosition(after));
      where.push(
        `(p.last_activity_at, p.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(first + 1);
    // The page first (the caller's stays and their people only), then, for its rows only, the
    // summary, the referent and what each entry shows of the plan.
    const rows = await preparedQuery<CaseloadRow>(
      this.dataSource,
      `WITH page AS (
         SELECT p.id AS person_id, me.role AS my_role, p.last_activity_at
         FROM team_member me
         JOIN person p ON p.id = me.person_id
         WHERE me.membership_id IN (SELECT m.id FROM membership m
                 WHERE m.account_id = $1::uuid AND m.revoked_at IS NULL)
           AND me.left_at IS NULL AND p.status = 'ACTIVE'
           ${where.map((condition) => `AND ${condition}`).join(' ')}
         ORDER BY p.last_activity_at DESC, p.id DESC
         LIMIT $${params.length})
       SELECT ${SUMMARY_COLUMNS}, true AS is_member, page.my_role, p.orientation_type,
         p.last_activity_at, p.last_activity_at::text AS activity_position,
         ra.given_name AS referent_given_name, ra.family_name AS referent_family_name,
         (SELECT min(a.starts_at) FROM appointment a
           WHERE a.person_id = p.id AND a.status = 'PLANNED' AND a.starts_at >= now())
           AS next_appointment_at,
         (SELECT count(*)::int FROM goal g WHERE g.person_id = p.id AND g.status = 'IN_PROGRESS')
           AS open_goals
       FROM page
       JOIN person p ON p.id = page.person_id
       ${REFERENT_JOIN}
       LEFT JOIN account ra ON ra.id = r.account_id
       ORDER BY page.last_activity_at DESC, page.person_id DESC`,
      params,
    );
    const page = toPage(rows, first, (row) => [row.activity_position, row.id]);
    return {
      ...page,
      nodes: page.nodes.map((row) => ({
        summary: summaryOf(row),
        myRole: row.my_role,
        orientationType: row.orientation_type,
        lastActivityAt: row.last_activity_at,
        referentName:
          row.referent_given_name && row.referent_family_name
            ? `${row.referent_given_name} ${row.referent_family_name}`
            : null,
        nextAppointmentAt: row.next_appointment_at,
        openGoals: row.open_goals,
        cursor: encodeCursor([row.activity_position, row.id]),
      })),
    };
  }

  /**
   * People of the caller's territories by name, CAF number or France Travail identifier: the
   * minimal view only, and whether the caller follows them. Two tiers, in one statement: first
   * the names holding every word typed (what a caseworker typing the start of a name means),
   * then, when those do not fill the page, names merely close to it (typos forgiven); each tier
   * by trigram similarity.
   */
  async search(
    principal: Principal,
    query: string,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<PersonSummaryView & { cursor: string }>> {
    const territories =
      principal.kind === 'client'
        ? principal.scopes.includes('persons:read')
          ? [principal.territoryId]
          : []
        : principal.memberships
            .filter((membership) => SEARCH_ROLES.includes(membership.role))
            .map((membership) => membership.territoryId)
            .filter((id): id is string => id !== null);
    if (territories.length === 0) throw forbidden();
    const text = searchText(query);
    const words = text.split(' ').filter(Boolean).slice(0, SEARCH_MAX_WORDS);
    const raw = query.replace(/\s+/g, '').toUpperCase();
    const params: unknown[] = [activeMembershipIds(principal), territories, text, raw];
    // The trigram index finds words of 3 letters or more; a query of shorter words only ("el i")
    // is looked for as typed, spaces included.
    const patterns = words.some((word) => word.length >= 3) ? words : text ? [text] : [];
    const contains = patterns.map((pattern) => {
      params.push(`%${pattern}%`);
      return `p.search_name LIKE $${params.length}`;
    });
    // Every word typed, or an identifier; a query of punctuation only matches no name.
    const strong = `(${contains.length ? contains.join(' AND ') : 'false'}
        OR p.caf_number = $4 OR p.france_travail_id = $4)`;
    // Partner systems never see people who restricted or objected to sharing.
    const partner = principal.kind === 'client' ? 'AND NOT p.restricted AND NOT p.objection' : '';
    let strongAfter = '';
    let weakAfter = '';
    if (after) {
      const [tier, score, id] = searchPosition(after);
      params.push(score, id);
      const keyset = `AND (similarity(p.search_name, $3), p.id) < ($${params.length - 1}::real, $${params.length}::uuid)`;
      if (tier === 0) strongAfter = keyset;
      else {
        strongAfter = 'AND false';
        weakAfter = keyset;
      }
    }
    params.push(first + 1);
    const limit = `$${params.length}`;
    const scope = `p.territory_id = ANY($2) AND p.status = 'ACTIVE' ${partner}`;
    // Unnamed, so planned for its values: a generic plan cannot use the trigram index for LIKE.
    const rows = await this.dataSource.query<(SummaryRow & { tier: number; score: number })[]>(
      `WITH strong AS (
         SELECT p.id, 0 AS tier, similarity(p.search_name, $3) AS score FROM person p
         WHERE ${scope} AND ${strong} ${strongAfter}
         ORDER BY score DESC, p.id DESC LIMIT ${limit}),
       weak AS (
         SELECT p.id, 1 AS tier, similarity(p.search_name, $3) AS score FROM person p
         WHERE (SELECT count(*) FROM strong) < ${limit}
           AND ${scope} AND p.search_name % $3 AND NOT COALESCE(${strong}, false) ${weakAfter}
         ORDER BY score DESC, p.id DESC LIMIT ${limit}),
       found AS (
         SELECT * FROM strong UNION ALL SELECT * FROM weak
         ORDER BY tier, score DESC, id DESC LIMIT ${limit})
       SELECT ${SUMMARY_COLUMNS},
         EXISTS (SELECT 1 FROM team_member m WHERE m.person_id = p.id AND m.left_at IS NULL
                   AND m.membership_id = ANY($1)) AS is_member,
         f.tier, f.score
       FROM found f JOIN person p ON p.id = f.id
       ${REFERENT_JOIN}
       ORDER BY f.tier, f.score DESC, f.id DESC`,
      params,
    );
    const page = toPage(rows, first, (row) => [row.tier, row.score, row.id]);
    return {
      ...page,
      nodes: page.nodes.map((row) => ({
        ...summaryOf(row),
        cursor: encodeCursor([row.tier, row.score, row.id]),
      })),
    };
  }

  /** The minimal view of one person of a territory the caller may search. */
  async summaryById(
    manager: EntityManager,
    principal: Principal,
    personId: string,
  ): Promise<PersonSummaryView> {
    const rows = await manager.query<SummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS},
         EXISTS (SELECT 1 FROM team_member m WHERE m.person_id = p.id AND m.left_at IS NULL
                   AND m.membership_id = ANY($1)) AS is_member
       FROM person p ${REFERENT_JOIN} WHERE p.id = $2`,
      [activeMembershipIds(principal), personId],
    );
    const row = rows[0];
    if (!row) throw forbidden();
    return summaryOf(row);
  }

  /** Who creates a file, with which membership, and in which team role. */
  private creatorOf(
    principal: Principal,
    input: NewPerson,
  ): { membership: MembershipGrant | null; teamRole: TeamRole | null } {
    if (principal.kind === 'client') {
      if (
        principal.territoryId !== input.territoryId ||
        !principal.scopes.includes('persons:write')
      ) {
        throw forbidden();
      }
      return { membership: null, teamRole: null };
    }
    const inTerritory = principal.memberships.filter(
      (membership) => membership.territoryId === input.territoryId,
    );
    const professionals = inTerritory.filter(
      (membership) =>
        membership.role === Role.PROFESSIONAL &&
        (!input.structureId || membership.structureId === input.structureId),
    );
    if (professionals[0]) {
      return { membership: professionals[0], teamRole: input.teamRole ?? TeamRole.REFERENT };
    }
    if (input.structureId || input.teamRole) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.NotInStructure,
        'structureId must be one of your structures where you are a professional',
        { field: input.structureId ? 'structureId' : 'teamRole' },
      );
    }
    const other =
      inTerritory.find((membership) => membership.role === Role.ORIENTATION_MANAGER) ??
      inTerritory.find((membership) => membership.role === Role.TERRITORY_ADMIN);
    if (!other) throw forbidden();
    return { membership: other, teamRole: null };
  }

  private async requireStructureOf(
    manager: EntityManager,
    territoryId: string,
    structureId: string,
    field: string,
  ): Promise<void> {
    const found = await manager.existsBy(StructureEntity, { id: structureId, territoryId });
    if (!found) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.StructureOutsideTerritory,
        `${field} must be a structure of the person's territory`,
        {
          field,
        },
      );
    }
  }

  /** A likely duplicate in the territory is refused, pointing at the person already there. */
  private async refuseDuplicate(
    manager: EntityManager,
    principal: Principal,
    territoryId: string,
    keys: {
      identityKey: string;
      birthDate: string;
      cafNumber: string | null;
      franceTravailId: string | null;
      nir: string | null;
    },
    exceptId?: string,
  ): Promise<void> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM person
        WHERE territory_id = $1 AND id IS DISTINCT FROM $7
          AND ((identity_key = $2 AND birth_date = $3) OR caf_number = $4
               OR france_travail_id = $5 OR nir = $6)
        LIMIT 1`,
      [
        territoryId,
        keys.identityKey,
        keys.birthDate,
        keys.cafNumber,
        keys.franceTravailId,
        keys.nir,
        exceptId ?? null,
      ],
    );
    const existing = rows[0];
    if (!existing) return;
    const summary = await this.summaryById(manager, principal, existing.id);
    throw new DomainError(
      DomainErrorCode.Conflict,
      DomainErrorReason.PossibleDuplicatePerson,
      'This person seems to have a file already in this territory: ask to join its team.',
      { details: { existingPerson: summary } },
    );
  }

  /** A versioned change of the person's own fields by a team member, with its timeline entry. */
  private change(
    principal: Principal,
    personId: string,
    version: number,
    type: EventType,
    compute: (manager: EntityManager, person: PersonEntity) => Promise<Partial<PersonEntity>>,
  ): Promise<PersonFileView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.writeScope(principal, personId, manager);
      return this.applyChange(manager, scope, version, type, compute);
    });
  }

  private async applyChange(
    manager: EntityManager,
    scope: FileScope,
    version: number,
    type: EventType,
    compute: (manager: EntityManager, person: PersonEntity) => Promise<Partial<PersonEntity>>,
  ): Promise<PersonFileView> {
    const person = await manager.findOneByOrFail(PersonEntity, { id: scope.viewer.personId });
    const changes = await compute(manager, person);
    await updateVersioned(manager, PersonEntity, person.id, version, changes);
    // The search keys follow the names; the timeline shows the names.
    const shown: Record<string, unknown> = { ...changes };
    delete shown.identityKey;
    delete shown.searchName;
    const summary = changedFields(
      person as unknown as Record<string, unknown>,
      shown,
      MASKED_FIELDS,
    );
    const rightsTouched = [...(person.rights ?? []), ...(changes.rights ?? [])].some((right) =>
      SENSITIVE_RIGHTS.includes(right),
    );
    await appendTimeline(manager, scope.viewer, {
      type,
      subjectType: 'Person',
      subjectId: person.id,
      sensitive: rightsTouched && summary !== null && 'rights' in summary.after,
      before: summary?.before ?? null,
      after: summary?.after ?? null,
    });
    const saved = await manager.findOneByOrFail(PersonEntity, { id: person.id });
    return personFileView(saved, scope);
  }
}
