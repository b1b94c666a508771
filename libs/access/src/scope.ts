import type { Principal } from '@relais/identity';
import type { FileAbility } from './file-access/file-ability.js';
import type { FileViewer } from './file-access/file-viewer.js';

/**
 * Scopes in the types (STYLE.md rule 4): a repository or read-model method that reads person data
 * takes one of these as a required argument, so a read that does not say on whose behalf it runs
 * does not compile. The brand makes a scope impossible to forge with an object literal: a
 * `FileScope` comes from `FileAccessService.scope(...)`, a `ViewerScope` from `viewerScope(...)`
 * after the guard authenticated the caller, a `SystemScope` from `systemScope(reason)`.
 */
declare const scopeBrand: unique symbol;
interface Branded {
  readonly [scopeBrand]: true;
}

/** One file, as one caller sees it: the viewer decided by the access rules and its ability. */
export interface FileScope extends Branded {
  readonly kind: 'file';
  readonly viewer: FileViewer;
  readonly ability: FileAbility;
}

/**
 * A caller reading lists of files (caseload, search, inbox, feed): the SQL of the read applies the
 * access rules to this principal (STYLE.md rule 3: lists are filtered in SQL, never in memory).
 */
export interface ViewerScope extends Branded {
  readonly kind: 'viewer';
  readonly principal: Principal;
}

/** The named reasons the system reads person data without a viewer. */
export const SYSTEM_REASONS = [
  /** The outbox dispatcher: recipients of an event, and the notification it stores. */
  'dispatcher',
  /** The webhook worker: the payload a partner system receives, filtered by its client's scope. */
  'webhooks',
  /** Retention and purge (DOMAIN.md's retention rules), run by the job or by an operator. */
  'retention',
  /** A bulk import, run by an admin's import request or the CLI. */
  'import',
  /** Handover expiry: the handovers left unanswered past their deadline. */
  'handover-expiry',
  /** Checks of the audit chains by an operator's tool. */
  'audit',
  /** The demo data, written on a fresh database by `npm start`. */
  'demo-seed',
  /** The daily email digest: each account's unread notifications, each admin's people waiting. */
  'email-digest',
  /** FranceConnect's sign-in: the files whose identity may match the person signing in. */
  'person-sign-in',
  /** The person's appointment reminders: appointments starting soon, emailed to their space's address. */
  'appointment-reminders',
] as const;
export type SystemReason = (typeof SYSTEM_REASONS)[number];

/** A read by the system itself, for one named reason, never on behalf of a caller. */
export interface SystemScope extends Branded {
  readonly kind: 'system';
  readonly reason: SystemReason;
}

/** Any scope a person-data read may take. */
export type ReadScope = FileScope | ViewerScope | SystemScope;

export function fileScope(viewer: FileViewer, ability: FileAbility): FileScope {
  return { kind: 'file', viewer, ability } as FileScope;
}

export function viewerScope(principal: Principal): ViewerScope {
  return { kind: 'viewer', principal } as ViewerScope;
}

export function systemScope(reason: SystemReason): SystemScope {
  if (!SYSTEM_REASONS.includes(reason)) throw new Error(`Unknown system reason: ${reason}`);
  return { kind: 'system', reason } as SystemScope;
}
