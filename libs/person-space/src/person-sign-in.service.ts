import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
} from '@relais/core';
import { type IssuedTokens, SessionService } from '@relais/identity';
import {
  EMAIL_CATEGORY_BY_KIND,
  EmailOutbox,
  type EmailMessage,
  relaisLink,
} from '@relais/notifications';
import {
  linkTokenHash,
  newSignInCode,
  PERSON_CODE_MAX_ATTEMPTS,
  PERSON_CODE_TTL_MS,
  sameHash,
  signInCodeHash,
} from './person-secrets.js';
import type { PersonSpaceEntity } from './person-space.entity.js';
import { PersonSpaceRepository } from './person-space.repository.js';

/** A code sent (or, for an unknown address, seemingly sent): what the sign-in page answers with. */
export interface SignInChallenge {
  /** Names the code to type; not a secret (the code is). */
  readonly challenge: string;
  readonly expiresAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const codeExpired = (): DomainError =>
  new DomainError(
    DomainErrorCode.Unauthenticated,
    DomainErrorReason.PersonCodeExpired,
    'This code no longer works (10 minutes, one use, 5 tries): ask for a new one.',
  );

type SignInOutcome = { tokens: IssuedTokens; error?: never } | { error: DomainError };

/**
 * The person's sign-in to their space (issue 22), public steps all: opening the referent's
 * one-time link emails a 6-digit code; later, the person asks for a code with their address;
 * the right code opens a person session (the sessions' rules: rotating refresh token in the
 * cookie, idle timeout, one session across tabs). No answer tells whether an address is known:
 * an unknown address gets a challenge too, which no code opens, and wrong codes count the same.
 */
@Injectable()
export class PersonSignInService {
  private readonly codeKey: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly spaces: PersonSpaceRepository,
    private readonly sessions: SessionService,
    private readonly outbox: EmailOutbox,
  ) {
    this.codeKey = config.authTokenSecret;
  }

  /**
   * Opens the invitation's link: once, within 7 days, while the space is enabled. The link is
   * spent and a code goes to the space's address.
   */
  async openLink(token: string): Promise<SignInChallenge> {
    return this.dataSource.transaction(async (manager) => {
      const link = await this.spaces.lockLink(linkTokenHash(token), manager);
      const space = link ? await this.spaces.liveSpace(link.personId, manager) : null;
      if (!link || !space) {
        throw new DomainError(
          DomainErrorCode.Unauthenticated,
          DomainErrorReason.PersonLinkInvalid,
          'This link does not open a personal space: ask your referent for a new one.',
        );
      }
      if (link.usedAt) {
        throw new DomainError(
          DomainErrorCode.Unauthenticated,
          DomainErrorReason.PersonLinkUsed,
          'This link was already used: ask for a code with your email, or ask your referent for a new link.',
        );
      }
      if (link.expiresAt.getTime() <= Date.now()) {
        throw new DomainError(
          DomainErrorCode.Unauthenticated,
          DomainErrorReason.PersonLinkExpired,
          'This link has expired (7 days): ask your referent for a new one.',
        );
      }
      await this.spaces.markLinkUsed(link.id, manager);
      return this.challenge(manager, space);
    });
  }

  /** A code for the space with this address; the same answer when there is none. */
  async requestCode(email: string): Promise<SignInChallenge> {
    return this.dataSource.transaction(async (manager) =>
      this.challenge(manager, await this.spaces.liveSpaceOfAddress(email, manager)),
    );
  }

  /** The code of a challenge: a person session, or why not (wrong codes are counted). */
  async signIn(challenge: string, code: string): Promise<IssuedTokens> {
    if (!UUID.test(challenge)) throw codeExpired();
    const outcome = await this.dataSource.transaction((manager) =>
      this.trySignIn(manager, challenge, code),
    );
    // Thrown once committed: a wrong code's count must stay.
    if (outcome.error) throw outcome.error;
    return outcome.tokens;
  }

  private async trySignIn(
    manager: EntityManager,
    challenge: string,
    code: string,
  ): Promise<SignInOutcome> {
    const row = await this.spaces.lockCode(challenge, manager);
    if (
      !row ||
      row.usedAt ||
      row.expiresAt.getTime() <= Date.now() ||
      row.attempts >= PERSON_CODE_MAX_ATTEMPTS
    ) {
      return { error: codeExpired() };
    }
    const right =
      row.personId !== null &&
      /^\d{6}$/.test(code) &&
      sameHash(row.codeHash, signInCodeHash(this.codeKey, row.id, code));
    const space = right && row.personId ? await this.spaces.liveSpace(row.personId, manager) : null;
    if (!space) {
      const attempts = await this.spaces.countAttempt(row.id, manager);
      const attemptsLeft = Math.max(0, PERSON_CODE_MAX_ATTEMPTS - attempts);
      return {
        error: new DomainError(
          DomainErrorCode.Unauthenticated,
          DomainErrorReason.PersonCodeWrong,
          attemptsLeft > 0
            ? `This code is not the right one: ${attemptsLeft} tries left.`
            : 'This code is not the right one, and it no longer works: ask for a new one.',
          { field: 'code', details: { attemptsLeft } },
        ),
      };
    }
    await this.spaces.markCodeUsed(row.id, manager);
    return { tokens: await this.sessions.startForPersonWithin(manager, space.personId, ['otp']) };
  }

  /** A new code for the space (emailed), or a challenge no code opens for no space. */
  private async challenge(
    manager: EntityManager,
    space: PersonSpaceEntity | null,
  ): Promise<SignInChallenge> {
    const id = randomUUID();
    const code = newSignInCode();
    const expiresAt = new Date(Date.now() + PERSON_CODE_TTL_MS);
    await this.spaces.insertCode(
      {
        id,
        personId: space?.personId ?? null,
        codeHash: signInCodeHash(this.codeKey, id, code),
        expiresAt,
      },
      manager,
    );
    if (space) {
      await this.outbox.enqueue(manager, {
        accountId: null,
        toAddress: space.email,
        kind: 'PERSON_SIGN_IN_CODE',
        category: EMAIL_CATEGORY_BY_KIND.PERSON_SIGN_IN_CODE,
        dedupeKey: `person-sign-in-code:${id}`,
        message: {
          kind: 'PERSON_SIGN_IN_CODE',
          recipientFirstName: space.givenName,
          validMinutes: PERSON_CODE_TTL_MS / 60_000,
          links: { signIn: relaisLink(this.config.publicUrl, '/mon-espace/connexion') },
          secret: { code },
        } satisfies EmailMessage,
      });
    }
    return { challenge: id, expiresAt };
  }
}
