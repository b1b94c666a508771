import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden } from '@relais/access';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
} from '@relais/core';
import { EventType } from '@relais/events';
import {
  AccessRevocations,
  AccountNamesRepository,
  personRevocationKey,
  type Principal,
  SessionService,
} from '@relais/identity';
import {
  EMAIL_CATEGORY_BY_KIND,
  EmailOutbox,
  type EmailMessage,
  relaisLink,
} from '@relais/notifications';
import { StructureRepository } from '@relais/organizations';
import { appendTimeline, FileAccessService, PersonRepository } from '@relais/pathways';
import { linkTokenHash, newLinkToken, PERSON_LINK_TTL_MS } from './person-secrets.js';
import { PersonSpaceRepository } from './person-space.repository.js';

/** A person's space as the team sees it after inviting or revoking. */
export interface PersonSpaceView {
  readonly personId: string;
  readonly email: string;
  readonly enabled: boolean;
  /** When the link just sent stops working; null after a revocation. */
  readonly linkExpiresAt: Date | null;
}

/**
 * Enables a followed person's personal space and invites them to it, or revokes it (issue 22).
 * Either is for a team member who may write the file (the referent first): each is one
 * transaction with its timeline trace; the invitation's email is queued in it.
 */
@Injectable()
export class PersonSpaceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly files: FileAccessService,
    private readonly people: PersonRepository,
    private readonly spaces: PersonSpaceRepository,
    private readonly sessions: SessionService,
    private readonly revocations: AccessRevocations,
    private readonly outbox: EmailOutbox,
    private readonly names: AccountNamesRepository,
    private readonly structures: StructureRepository,
  ) {}

  /**
   * Enables the space with the address the person gave and emails them a one-time link, valid
   * 7 days; a new invitation replaces the links sent before. Given another address, the space
   * moves to it: the person's sessions end at once (live connections included), and the links
   * and codes sent to the old address stop working.
   */
  async invite(principal: Principal, personId: string, email: string): Promise<PersonSpaceView> {
    if (principal.kind !== 'account') throw forbidden();
    const { view, sessionIds } = await this.dataSource.transaction(async (manager) => {
      const scope = await this.files.writeScope(principal, personId, manager);
      if (await this.spaces.addressTaken(email, personId, manager)) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.PersonSpaceEmailTaken,
          'Another person’s space uses this address: each space needs its own.',
          { field: 'email' },
        );
      }
      const person = await this.people.person(scope, manager);
      const previous = await this.spaces.liveSpace(personId, manager);
      let sessionIds: string[] = [];
      if (previous && previous.email.toLowerCase() !== email.toLowerCase()) {
        await this.spaces.expireLinksAndCodes(personId, manager);
        sessionIds = await this.sessions.endPersonSessionsWithin(
          manager,
          personId,
          'space_address_changed',
        );
      }
      await this.spaces.enable(
        {
          personId,
          email,
          givenName: person.givenName,
          enabledByAccountId: principal.accountId,
          enabledByMembershipId: scope.viewer.membershipId,
        },
        manager,
      );
      const token = newLinkToken();
      const expiresAt = new Date(Date.now() + PERSON_LINK_TTL_MS);
      await this.spaces.insertLink(personId, linkTokenHash(token), expiresAt, manager);
      await appendTimeline(manager, scope.viewer, {
        type: EventType.PERSON_SPACE_INVITED,
        subjectType: 'PersonSpace',
        subjectId: personId,
        after: { linkExpiresAt: expiresAt.toISOString() },
      });
      const membership = principal.memberships.find((m) => m.id === scope.viewer.membershipId);
      const [names, structure] = await Promise.all([
        this.names.namesOf([principal.accountId], manager),
        membership?.structureId ? this.structures.byId(membership.structureId, manager) : null,
      ]);
      const inviter = names.get(principal.accountId);
      await this.outbox.enqueue(manager, {
        accountId: null,
        toAddress: email,
        kind: 'PERSON_SPACE_INVITATION',
        category: EMAIL_CATEGORY_BY_KIND.PERSON_SPACE_INVITATION,
        dedupeKey: `person-space-invitation:${randomUUID()}`,
        message: {
          kind: 'PERSON_SPACE_INVITATION',
          recipientFirstName: person.givenName,
          invitedBy: {
            name: inviter ? `${inviter.givenName} ${inviter.familyName}`.trim() : 'Relais',
            structureName: structure?.name ?? null,
          },
          expiresAt,
          // In the fragment: never sent to a server, so never in a log or a Referer.
          secret: { link: relaisLink(this.config.publicUrl, `/mon-espace/lien#${token}`) },
        } satisfies EmailMessage,
      });
      return {
        view: { personId, email, enabled: true, linkExpiresAt: expiresAt },
        sessionIds,
      };
    });
    // Once committed: every instance closes the sessions' sockets and subscriptions.
    this.sessions.announceEnded(sessionIds);
    return view;
  }

  /**
   * Revokes the space: its links and codes stop working, and the person is signed out at once,
   * their sessions ended and their live connections closed on every instance.
   */
  async revoke(principal: Principal, personId: string): Promise<PersonSpaceView> {
    if (principal.kind !== 'account') throw forbidden();
    const { view, sessionIds } = await this.dataSource.transaction(async (manager) => {
      const scope = await this.files.writeScope(principal, personId, manager);
      const space = await this.spaces.liveSpace(personId, manager);
      if (!space || !(await this.spaces.revoke(personId, manager))) {
        throw new DomainError(
          DomainErrorCode.NotFound,
          DomainErrorReason.PersonSpaceNotEnabled,
          'This person has no personal space to revoke.',
        );
      }
      const ended = await this.sessions.endPersonSessionsWithin(manager, personId);
      await appendTimeline(manager, scope.viewer, {
        type: EventType.PERSON_SPACE_REVOKED,
        subjectType: 'PersonSpace',
        subjectId: personId,
        after: { sessionsEnded: ended.length },
      });
      return {
        view: { personId, email: space.email, enabled: false, linkExpiresAt: null },
        sessionIds: ended,
      };
    });
    // Once committed: every instance closes the person's sockets and subscriptions.
    this.sessions.announceEnded(sessionIds);
    this.revocations.revoked(personRevocationKey(personId));
    return view;
  }
}
