import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, ROLE_LABELS as SHARED_ROLE_LABELS } from '@relais/core';
import { AccountRepository, type AccountEntity, Role } from '@relais/identity';
import {
  EMAIL_CATEGORY_BY_KIND,
  EmailOutbox,
  type EmailMessage,
  InvitationEmailRepository,
  relaisLink,
} from '@relais/notifications';
import { StructureRepository, TerritoryRepository } from '@relais/organizations';

/** The roles as the web client names them: one table, libs/core's. */
const ROLE_LABELS: Readonly<Record<Role, string>> = SHARED_ROLE_LABELS;

type InvitationMessage = Extract<EmailMessage, { kind: 'INVITATION' }>;

/** What an invitation email tells. */
export interface InvitationToSend {
  readonly invitationId: string;
  readonly invitee: AccountEntity;
  readonly inviterAccountId: string;
  readonly role: Role;
  readonly structureId: string | null;
  readonly territoryId: string | null;
}

/**
 * Queues the invitation email in the caller's transaction: sent if and only if the invitation
 * is committed. The n-th send of an invitation has the dedupe key `invitation:<id>:<n>`.
 */
@Injectable()
export class InvitationEmails {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: EmailOutbox,
    private readonly sends: InvitationEmailRepository,
    private readonly accounts: AccountRepository,
    private readonly structures: StructureRepository,
    private readonly territories: TerritoryRepository,
  ) {}

  /** Queues the next send of the invitation; gives its number (1 for the first). */
  async enqueue(manager: EntityManager, invitation: InvitationToSend): Promise<number> {
    const number = (await this.sends.sendsOf(manager, invitation.invitationId)) + 1;
    const message = await this.messageOf(manager, invitation);
    await this.outbox.enqueue(manager, {
      accountId: invitation.invitee.id,
      toAddress: invitation.invitee.email,
      kind: message.kind,
      category: EMAIL_CATEGORY_BY_KIND[message.kind],
      dedupeKey: `invitation:${invitation.invitationId}:${number}`,
      message,
    });
    return number;
  }

  private async messageOf(
    manager: EntityManager,
    invitation: InvitationToSend,
  ): Promise<InvitationMessage> {
    const inviter = await this.accounts.byId(invitation.inviterAccountId, manager);
    const structure = invitation.structureId
      ? await this.structures.byId(invitation.structureId, manager)
      : null;
    const territory =
      !structure && invitation.territoryId
        ? await this.territories.byId(invitation.territoryId, manager)
        : null;
    // The web client's sign-in page: ProConnect, or the demo sign-in in development.
    const signIn = relaisLink(this.config.publicUrl, '/connexion');
    const devSignIn =
      this.config.devSignIn && this.config.nodeEnv !== 'production'
        ? relaisLink(
            this.config.publicUrl,
            `/connexion?email=${encodeURIComponent(invitation.invitee.email)}`,
          )
        : undefined;
    return {
      kind: 'INVITATION',
      recipientFirstName: invitation.invitee.givenName,
      inviterName: inviter ? `${inviter.givenName} ${inviter.familyName}`.trim() : 'Relais',
      structureName: structure?.name ?? territory?.name ?? 'Relais',
      roleLabel: ROLE_LABELS[invitation.role] ?? invitation.role,
      links: devSignIn ? { signIn, devSignIn } : { signIn },
    };
  }
}
