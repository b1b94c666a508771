import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessGround, AccessLogWriter, forbidden } from '@relais/access';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
} from '@relais/core';
import { EventType, writeOutbox } from '@relais/events';
import type { AccountPrincipal, PersonPrincipal } from '@relais/identity';
import { EMAIL_CATEGORY_BY_KIND, EmailOutbox, relaisLink } from '@relais/notifications';
import {
  appendTimeline,
  FileAccessService,
  type FileScope,
  PersonService,
  resolveAudience,
  TeamRepository,
} from '@relais/pathways';
import { PersonSpaceRepository } from './person-space.repository.js';
import {
  type RightsRequestEntity,
  RightsRequestKind,
  RightsRequestStatus,
} from './rights-request.entity.js';
import { RightsRequestRepository } from './rights-request.repository.js';

/** A rights request as the person and their team read it. */
export interface RightsRequestView {
  readonly id: string;
  readonly personId: string;
  readonly kind: RightsRequestKind;
  readonly details: string;
  readonly status: RightsRequestStatus;
  readonly requestedAt: Date;
  /** YYYY-MM-DD, Europe/Paris. */
  readonly dueOn: string;
  readonly answeredAt: Date | null;
  readonly answer: string | null;
}

function viewOf(row: RightsRequestEntity): RightsRequestView {
  return {
    id: row.id,
    personId: row.personId,
    kind: row.kind,
    details: row.details,
    status: row.status,
    requestedAt: row.requestedAt,
    dueOn: row.dueOn,
    answeredAt: row.answeredAt,
    answer: row.answer,
  };
}

/**
 * The person's RGPD requests from their space (issue 22; DOMAIN.md rule 8): they ask for a
 * rectification, an objection or a restriction; their referent (or a team member who may write
 * the file) answers within a month. Accepting an objection or a restriction sets the file's flag
 * through pathways, in the same transaction and with its history; each step leaves a timeline
 * entry, the request tells the referent (inbox, socket, email) and the answer tells the person
 * by email.
 */
@Injectable()
export class RightsRequestService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: FileAccessService,
    private readonly accessLog: AccessLogWriter,
    private readonly requests: RightsRequestRepository,
    private readonly spaces: PersonSpaceRepository,
    private readonly teams: TeamRepository,
    private readonly people: PersonService,
    private readonly outbox: EmailOutbox,
  ) {}

  /** The person asks; a second pending request of the same kind is refused. */
  async request(
    principal: PersonPrincipal,
    kind: RightsRequestKind,
    details: string,
  ): Promise<RightsRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.readScope(principal, principal.personId, manager);
      if (await this.requests.hasPending(principal.personId, kind, manager)) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.RightsRequestPending,
          'A request of this kind is already waiting for an answer.',
          { field: 'kind' },
        );
      }
      const row = await this.requests.insert(principal.personId, kind, details.trim(), manager);
      await appendTimeline(manager, scope.viewer, {
        type: EventType.RIGHTS_REQUESTED,
        subjectType: 'RightsRequest',
        subjectId: row.id,
        after: { kind: row.kind, dueOn: row.dueOn },
      });
      // The referent answers; a file without one tells its team.
      const referent = await this.teams.activeReferent(principal.personId, manager);
      await writeOutbox(manager, {
        type: EventType.RIGHTS_REQUESTED,
        territoryId: scope.viewer.territoryId,
        structureIds: referent ? [referent.structureId] : [],
        personId: principal.personId,
        actor: { accountId: null, membershipId: null },
        recipientAccountIds: await resolveAudience(
          manager,
          referent ? { accountIds: [referent.accountId] } : { teamOf: principal.personId },
        ),
        payload: {
          rightsRequestId: row.id,
          personId: principal.personId,
          kind: row.kind,
          dueOn: row.dueOn,
          status: 'PENDING',
        },
      });
      return viewOf(row);
    });
  }

  /** The person's own requests, newest first: a read of their file, logged SELF. */
  async mine(principal: PersonPrincipal): Promise<RightsRequestView[]> {
    const scope = await this.files.readScope(principal, principal.personId);
    await this.accessLog.recordFileRead(scope.viewer);
    return (await this.requests.ofPerson(principal.personId, this.dataSource.manager)).map(viewOf);
  }

  /** A file's requests, for its team members (a part of the file opened, whose read is logged). */
  async ofFile(scope: FileScope): Promise<RightsRequestView[]> {
    requireTeamMember(scope);
    return (await this.requests.ofPerson(scope.viewer.personId, this.dataSource.manager)).map(
      viewOf,
    );
  }

  /**
   * Answers a pending request, once: the referent, or a team member who may write the file;
   * accepting an objection or a restriction is the referent's (they record those flags).
   */
  async answer(
    principal: AccountPrincipal,
    requestId: string,
    accept: boolean,
    answer: string,
  ): Promise<RightsRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.requests.lock(requestId, manager);
      if (!found) throw forbidden();
      const scope = await this.files.readScope(principal, found.personId, manager);
      requireTeamMember(scope);
      if (!scope.viewer.canWrite && scope.viewer.teamRole !== 'REFERENT') {
        throw new DomainError(
          DomainErrorCode.Forbidden,
          DomainErrorReason.FileReadOnly,
          'This file is read-only: only its referent answers the person’s requests.',
        );
      }
      const status = accept ? RightsRequestStatus.ACCEPTED : RightsRequestStatus.REFUSED;
      const text = answer.trim();
      const answered = await this.requests.answer(
        requestId,
        { status, text, membershipId: scope.viewer.membershipId },
        manager,
      );
      if (!answered) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.RightsRequestAlreadyAnswered,
          'This request was answered already.',
        );
      }
      if (accept) await this.applyAccepted(manager, scope, found.kind);
      await appendTimeline(manager, scope.viewer, {
        type: EventType.RIGHTS_REQUEST_ANSWERED,
        subjectType: 'RightsRequest',
        subjectId: requestId,
        before: { status: RightsRequestStatus.PENDING },
        after: { kind: found.kind, status },
      });
      await this.tellPerson(manager, found.personId, requestId);
      const saved = await this.requests.lock(requestId, manager);
      return viewOf(saved as RightsRequestEntity);
    });
  }

  /** An accepted objection or restriction sets the file's flag; a rectification was made by hand. */
  private async applyAccepted(
    manager: EntityManager,
    scope: FileScope,
    kind: RightsRequestKind,
  ): Promise<void> {
    if (kind === RightsRequestKind.OBJECTION) {
      await this.people.setProcessingLimitWithin(manager, scope, { objection: true });
    } else if (kind === RightsRequestKind.RESTRICTION) {
      await this.people.setProcessingLimitWithin(manager, scope, { restricted: true });
    }
  }

  /** An email to the space's address: an answer waits there (no details in the email). */
  private async tellPerson(
    manager: EntityManager,
    personId: string,
    requestId: string,
  ): Promise<void> {
    const space = await this.spaces.liveSpace(personId, manager);
    if (!space) return;
    await this.outbox.enqueue(manager, {
      accountId: null,
      toAddress: space.email,
      kind: 'RIGHTS_REQUEST_ANSWERED',
      category: EMAIL_CATEGORY_BY_KIND.RIGHTS_REQUEST_ANSWERED,
      dedupeKey: `rights-request-answered:${requestId}:${randomUUID()}`,
      message: {
        kind: 'RIGHTS_REQUEST_ANSWERED',
        recipientFirstName: space.givenName,
        links: { space: relaisLink(this.config.publicUrl, '/mon-espace') },
      },
    });
  }
}

/** The team's requests are for the file's active team members. */
function requireTeamMember(scope: FileScope): void {
  if (scope.viewer.ground !== AccessGround.TEAM_MEMBER || scope.viewer.teamRole === null) {
    throw new DomainError(
      DomainErrorCode.Forbidden,
      DomainErrorReason.NotInTeam,
      'Only the person’s team reads and answers their requests.',
    );
  }
}
