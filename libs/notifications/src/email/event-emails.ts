import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { systemScope } from '@relais/access';
import { APP_CONFIG, type AppConfig } from '@relais/core';
import { EventType, OutboxRepository, type OutboxPayloads } from '@relais/events';
import { type EmailContact, MembershipAudienceRepository } from '@relais/identity';
import { StructureRepository } from '@relais/organizations';
import { PersonSharingRepository } from '@relais/pathways';
import type { EntityManager } from 'typeorm';
import type { DispatchedEvent } from '../outbox-dispatch.types.js';
import { OutboxDispatcherService } from '../outbox-dispatcher.service.js';
import { effectiveMode } from './email-defaults.js';
import type { EmailToEnqueue } from './email-delivery.repository.js';
import { EmailOutbox } from './email-outbox.service.js';
import { EmailMode } from './email-preference.entity.js';
import { EmailPreferenceRepository } from './email-preference.repository.js';
import {
  EMAIL_CATEGORY_LABELS,
  isConfigurableEmailCategory,
  unsubscribeUrl,
} from './unsubscribe-link.js';
import {
  EMAIL_CATEGORY_BY_KIND,
  type EmailActor,
  type EmailCategory,
  type EmailMessage,
  relaisLink,
  type ShortPersonName,
  shortPersonName,
} from './templates/email-message.js';

/** A handover waits this long for an answer (handovers' HANDOVER_EXPIRY_DAYS, not imported: notifications sits below handovers). */
const HANDOVER_EXPIRY_DAYS = 15;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One email an event calls for, before preferences and addresses. */
interface Planned {
  readonly event: DispatchedEvent;
  readonly accountId: string;
  /** The message without the recipient's first name (added once the contact is read). */
  readonly build: (recipientFirstName: string) => EmailMessage;
}

/** What the plans read, in a fixed number of statements for the whole batch. */
interface Lookups {
  readonly person: (id: string | null) => ShortPersonName;
  readonly structure: (id: string | null | undefined) => string;
  readonly actor: (event: DispatchedEvent, structureId: string | null | undefined) => EmailActor;
  /** Who proposed a handover (its outcome is theirs to know at once). */
  readonly proposer: (handoverId: string) => string | undefined;
}

type HandoverAnswer = 'ACCEPTED' | 'DECLINED' | 'EXPIRED' | 'CANCELLED';
const HANDOVER_ANSWERS: Readonly<Record<string, HandoverAnswer>> = {
  [EventType.HANDOVER_ACCEPTED]: 'ACCEPTED',
  [EventType.HANDOVER_DECLINED]: 'DECLINED',
  [EventType.HANDOVER_EXPIRED]: 'EXPIRED',
  [EventType.HANDOVER_CANCELLED]: 'CANCELLED',
};

/**
 * The immediate emails of dispatched events: a dispatch follow-up, in a transaction after the push, that
 * queues one email per (recipient, event, kind) for the recipients of the events that email (the
 * actor excluded, as in the inbox; a handover's outcome only to its proposer and new referent), whose account is active with an active membership and whose
 * mode for the category is IMMEDIATE. The dedupe key `${accountId}:${eventId}:${kind}` makes a
 * second dispatch of the same event queue nothing. A batch costs a fixed number of statements:
 * people, accounts, structures, one per category for the preferences, and the enqueue.
 */
@Injectable()
export class EventEmailsService implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dispatcher: OutboxDispatcherService,
    private readonly outbox: EmailOutbox,
    private readonly preferences: EmailPreferenceRepository,
    private readonly people: PersonSharingRepository,
    private readonly accounts: MembershipAudienceRepository,
    private readonly structures: StructureRepository,
    private readonly outboxEvents: OutboxRepository,
  ) {}

  /**
   * A follow-up of the dispatch, not a step of its transaction: the live push does not wait for
   * these statements, and each event's emails are still queued once it is dispatched, at least
   * once (the dedupe key makes a second time a no-op; decision 0009).
   */
  onModuleInit(): void {
    this.dispatcher.registerFollowUp(async (manager, events) => {
      await this.enqueue(manager, events);
    });
  }

  /** Queues the immediate emails of these events; gives how many were newly queued. */
  async enqueue(manager: EntityManager, events: readonly DispatchedEvent[]): Promise<number> {
    const emailing = events.filter((event) => emailsOf(event.type));
    if (emailing.length === 0) return 0;
    const accountIds = new Set<string>();
    const structureIds = new Set<string>();
    for (const event of emailing) {
      event.recipientAccountIds.forEach((id) => accountIds.add(id));
      if (event.actorAccountId) accountIds.add(event.actorAccountId);
      for (const key of ['fromStructureId', 'toStructureId', 'structureId', 'targetStructureId']) {
        const value = event.payload[key];
        if (typeof value === 'string') structureIds.add(value);
      }
    }
    const personIds = emailing.flatMap((event) => (event.personId ? [event.personId] : []));
    // One after the other: they share the dispatch transaction's connection.
    const names = await this.people.namesForEmail(systemScope('dispatcher'), personIds, manager);
    const contacts = await this.accounts.emailContacts([...accountIds], manager);
    const structures = await this.structures.byIds([...structureIds], manager);
    const proposers = await this.outboxEvents.handoverProposers(
      emailing
        .filter((event) => HANDOVER_ANSWERS[event.type] !== undefined && event.personId)
        .map((event) => ({
          handoverId: String(event.payload.handoverId),
          personId: event.personId as string,
        })),
      manager,
    );
    const contactById = new Map(contacts.map((contact) => [contact.accountId, contact]));
    const structureName = new Map(structures.map((structure) => [structure.id, structure.name]));
    const lookups: Lookups = {
      person: (id) => {
        const name = id ? names.get(id) : undefined;
        return name ? shortPersonName(name) : { firstName: 'Une personne', initial: '' };
      },
      structure: (id) => (id ? (structureName.get(id) ?? '') : ''),
      actor: (event, structureId) => {
        const contact = event.actorAccountId ? contactById.get(event.actorAccountId) : undefined;
        return {
          name: contact ? `${contact.givenName} ${contact.familyName}`.trim() : 'Relais',
          structureName: structureId ? (structureName.get(structureId) ?? null) : null,
        };
      },
      proposer: (handoverId) => proposers.get(handoverId),
    };
    const planned = emailing
      .flatMap((event) => this.plan(event, lookups))
      .filter((plan) => contactById.get(plan.accountId)?.emailable === true);
    const emails = await this.withPreferences(manager, planned, contactById);
    if (emails.length === 0) return 0;
    return (await this.outbox.enqueueAll(manager, emails)).length;
  }

  /** Keeps the emails whose recipient wants this category immediately (one statement per category). */
  private async withPreferences(
    manager: EntityManager,
    planned: readonly Planned[],
    contacts: ReadonlyMap<string, EmailContact>,
  ): Promise<EmailToEnqueue[]> {
    const built = planned.map((plan) => {
      const contact = contacts.get(plan.accountId) as EmailContact;
      return { plan, contact, message: plan.build(contact.givenName) };
    });
    const categories = [
      ...new Set(built.map(({ message }) => EMAIL_CATEGORY_BY_KIND[message.kind])),
    ];
    const modes = new Map<EmailCategory, Map<string, EmailMode>>();
    for (const category of categories) {
      const ids = built
        .filter(({ message }) => EMAIL_CATEGORY_BY_KIND[message.kind] === category)
        .map(({ plan }) => plan.accountId);
      modes.set(category, await this.preferences.modesFor([...new Set(ids)], category, manager));
    }
    return built
      .filter(({ plan, message }) => {
        const category = EMAIL_CATEGORY_BY_KIND[message.kind];
        return (
          effectiveMode(category, modes.get(category)?.get(plan.accountId)) === EmailMode.IMMEDIATE
        );
      })
      .map(({ plan, contact, message }) => {
        const category = EMAIL_CATEGORY_BY_KIND[message.kind];
        // Each email stops its own category in one click (RFC 8058), signed for its recipient.
        const unsubscribe = isConfigurableEmailCategory(category)
          ? {
              categoryLabel: EMAIL_CATEGORY_LABELS[category],
              url: unsubscribeUrl(this.config, plan.accountId, category),
            }
          : undefined;
        return {
          accountId: plan.accountId,
          toAddress: contact.email,
          kind: message.kind,
          category,
          eventId: plan.event.id,
          dedupeKey: `${plan.accountId}:${plan.event.id}:${message.kind}`,
          message: unsubscribe ? { ...message, unsubscribe } : message,
        };
      });
  }

  /** The emails one event calls for, by recipient (the actor excluded). */
  private plan(event: DispatchedEvent, lookups: Lookups): Planned[] {
    const recipients = [...new Set(event.recipientAccountIds)].filter(
      (id) => id !== event.actorAccountId,
    );
    const link = (path: string): string => relaisLink(this.config.publicUrl, path);
    const person = lookups.person(event.personId);
    const filePath = `/personnes/${event.personId ?? ''}`;
    const to = (build: (accountId: string) => (firstName: string) => EmailMessage): Planned[] =>
      recipients.map((accountId) => ({ event, accountId, build: build(accountId) }));

    if (event.type === EventType.HANDOVER_PROPOSED) {
      const payload = event.payload as unknown as OutboxPayloads['handover.proposed'];
      return to((accountId) => (recipientFirstName) => ({
        kind: 'HANDOVER_PROPOSED',
        recipientFirstName,
        recipientRole: accountId === payload.toAccountId ? 'NAMED_PROFESSIONAL' : 'STRUCTURE_ADMIN',
        proposer: lookups.actor(event, payload.fromStructureId),
        person,
        targetStructureName: lookups.structure(payload.toStructureId),
        // The free-text reason may hold sensitive data: the email only says where to read it.
        reasonLabel: 'à lire dans Relais',
        deadline: new Date(event.occurredAt.getTime() + HANDOVER_EXPIRY_DAYS * DAY_MS),
        links: { handover: link(`/passages/${payload.handoverId}`) },
      }));
    }
    const outcome = HANDOVER_ANSWERS[event.type];
    if (outcome) {
      const payload = event.payload as unknown as OutboxPayloads['handover.declined'];
      const newReferent =
        outcome === 'ACCEPTED'
          ? (event.payload as unknown as OutboxPayloads['handover.accepted']).newReferentAccountId
          : null;
      // At once to the proposer, whose proposal it answers, and to the new referent, whose
      // caseload the person enters; the other parties read it in their inbox or digest.
      const proposer = lookups.proposer(payload.handoverId);
      const told = recipients.filter((id) => id === proposer || id === newReferent);
      const answeredBy =
        outcome === 'EXPIRED'
          ? null
          : lookups.actor(
              event,
              outcome === 'CANCELLED' ? payload.fromStructureId : payload.toStructureId,
            );
      return told.map((accountId) => ({
        event,
        accountId,
        build: (recipientFirstName: string): EmailMessage =>
          accountId === newReferent
            ? {
                kind: 'CASELOAD_ENTERED',
                recipientFirstName,
                role: 'REFERENT',
                person,
                links: { file: link(filePath) },
              }
            : {
                kind: 'HANDOVER_ANSWERED',
                recipientFirstName,
                outcome,
                answeredBy,
                person,
                targetStructureName: lookups.structure(payload.toStructureId),
                links: { handover: link(`/passages/${payload.handoverId}`) },
              },
      }));
    }
    if (
      event.type === EventType.ORIENTATION_ACCEPTED ||
      event.type === EventType.ORIENTATION_DENIED
    ) {
      const payload = event.payload as unknown as OutboxPayloads['orientation.accepted'];
      return to(() => (recipientFirstName) => ({
        kind: 'ORIENTATION_DECIDED',
        recipientFirstName,
        decision: event.type === EventType.ORIENTATION_ACCEPTED ? 'ACCEPTED' : 'DENIED',
        decidedBy: lookups.actor(event, null),
        person,
        structureName: lookups.structure(payload.targetStructureId),
        links: { orientation: link(filePath) },
      }));
    }
    if (event.type === EventType.TEAM_JOIN_REQUESTED) {
      const payload = event.payload as unknown as OutboxPayloads['team.join_requested'];
      return to(() => (recipientFirstName) => ({
        kind: 'JOIN_REQUESTED',
        recipientFirstName,
        requester: lookups.actor(event, payload.structureId),
        person,
        links: { requests: link('/demandes') },
      }));
    }
    if (
      event.type === EventType.TEAM_JOIN_ACCEPTED ||
      event.type === EventType.TEAM_JOIN_DECLINED
    ) {
      const accepted = event.type === EventType.TEAM_JOIN_ACCEPTED;
      return to(() => (recipientFirstName) => ({
        kind: 'JOIN_DECIDED',
        recipientFirstName,
        decision: accepted ? 'ACCEPTED' : 'DECLINED',
        person,
        links: { destination: link(accepted ? filePath : '/demandes') },
      }));
    }
    if (event.type === EventType.RIGHTS_REQUESTED) {
      const payload = event.payload as unknown as OutboxPayloads['rights.requested'];
      return to(() => (recipientFirstName) => ({
        kind: 'RIGHTS_REQUESTED',
        recipientFirstName,
        person,
        requestKind: payload.kind,
        dueOn: payload.dueOn,
        links: { file: link(filePath) },
      }));
    }
    return [];
  }
}

const EMAILING_TYPES: ReadonlySet<string> = new Set<string>([
  EventType.HANDOVER_PROPOSED,
  EventType.HANDOVER_ACCEPTED,
  EventType.HANDOVER_DECLINED,
  EventType.HANDOVER_EXPIRED,
  EventType.HANDOVER_CANCELLED,
  EventType.ORIENTATION_ACCEPTED,
  EventType.ORIENTATION_DENIED,
  EventType.TEAM_JOIN_REQUESTED,
  EventType.TEAM_JOIN_ACCEPTED,
  EventType.TEAM_JOIN_DECLINED,
  EventType.RIGHTS_REQUESTED,
]);

/** Whether events of this type send immediate emails. */
export function emailsOf(type: string): boolean {
  return EMAILING_TYPES.has(type);
}
