import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { systemScope } from '@relais/access';
import { APP_CONFIG, type AppConfig, DomainError } from '@relais/core';
import {
  type IssuedTokens,
  LoginAttemptSeal,
  type OidcSignInStart,
  SessionService,
} from '@relais/identity';
import { PersonRepository } from '@relais/pathways';
import { PersonSpaceRepository } from '../person-space.repository.js';
import { FranceConnectClient } from './franceconnect.client.js';
import { fileMatchesPivot } from './identity-pivot.js';

/** Why a FranceConnect sign-in opened no space: for the log only, never for the person. */
export type FranceConnectRefusal =
  | 'NOT_STARTED'
  | 'PROVIDER_ERROR'
  | 'PIVOT_INCOMPLETE'
  | 'NO_MATCH'
  | 'SPACE_NOT_ENABLED'
  | 'SEVERAL_FILES';

export type FranceConnectOutcome =
  | { readonly tokens: IssuedTokens; readonly refusal?: never }
  | { readonly refusal: FranceConnectRefusal };

/** Keeps FranceConnect's attempts apart from ProConnect's (the same secret, another key). */
const ATTEMPT_PURPOSE = 'relais-franceconnect-login-attempt';

/** The `amr` of a FranceConnect session: the provider vouched for the person (RFC 8176 has no better word). */
const FRANCECONNECT_AMR = ['fc'];

/**
 * The person's sign-in with FranceConnect (issue 22, ADR 0028). The identity pivot is matched
 * against the files: exactly one file whose space is enabled and whose birth identity matches
 * opens a person session, the same kind as the emailed code's. Anything else opens nothing, and
 * the person gets one answer whatever the reason (no file, a near match, several files, a space
 * not enabled, a provider's error), so that the answer tells nobody whether a file exists; the
 * reason goes to the log, without the identity.
 */
@Injectable()
export class FranceConnectSignInService {
  private readonly logger = new Logger(FranceConnectSignInService.name);
  private readonly seal: LoginAttemptSeal;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly client: FranceConnectClient,
    private readonly people: PersonRepository,
    private readonly spaces: PersonSpaceRepository,
    private readonly sessions: SessionService,
  ) {
    this.seal = new LoginAttemptSeal(config.authTokenSecret, ATTEMPT_PURPOSE);
  }

  /** Where the browser goes to sign in, and the sealed attempt it keeps until it comes back. */
  start(): Promise<OidcSignInStart> {
    return this.client.start(this.seal);
  }

  /** FranceConnect's redirect back: its query parameters and the browser's sealed attempt. */
  async complete(
    callback: URLSearchParams,
    sealedAttempt: string | undefined,
  ): Promise<FranceConnectOutcome> {
    const outcome = await this.attempt(callback, sealedAttempt);
    if (outcome.refusal) {
      this.logger.log(`A FranceConnect sign-in opened no personal space: ${outcome.refusal}`);
    }
    return outcome;
  }

  private async attempt(
    callback: URLSearchParams,
    sealedAttempt: string | undefined,
  ): Promise<FranceConnectOutcome> {
    const attempt = await this.seal.open(sealedAttempt);
    if (!attempt) return { refusal: 'NOT_STARTED' };
    let pivot;
    let rawIdToken: string;
    try {
      ({ pivot, rawIdToken } = await this.client.identityFrom(callback, attempt));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.log(`FranceConnect's answer was refused: ${error.reason}`);
      return { refusal: 'PROVIDER_ERROR' };
    }
    if (!pivot) return { refusal: 'PIVOT_INCOMPLETE' };
    const matched = pivot;
    return this.dataSource.transaction(async (manager) => {
      const candidates = await this.people.birthIdentities(
        systemScope('person-sign-in'),
        matched.birthDate,
        manager,
      );
      const matching = candidates.filter((file) => fileMatchesPivot(file, matched));
      if (matching.length === 0) return { refusal: 'NO_MATCH' } as const;
      const enabled = [];
      for (const file of matching) {
        const space = await this.spaces.liveSpace(file.id, manager);
        if (space) enabled.push(space);
      }
      const [space, ...others] = enabled;
      if (!space) return { refusal: 'SPACE_NOT_ENABLED' } as const;
      if (others.length > 0) return { refusal: 'SEVERAL_FILES' } as const;
      return {
        tokens: await this.sessions.startForPersonWithin(
          manager,
          space.personId,
          FRANCECONNECT_AMR,
          { provider: 'franceconnect', idToken: rawIdToken },
        ),
      };
    });
  }

  /**
   * Signs a person's session out: Relais' session ends first, whatever FranceConnect's state;
   * then, for a session opened through FranceConnect, the URL of its logout ("déconnexion
   * obligatoire"), where the browser goes to end its FranceConnect session too (undefined
   * otherwise, or when FranceConnect's metadata names no logout or cannot be read).
   */
  async signOut(sessionId: string): Promise<string | undefined> {
    const ended = await this.sessions.signOut(sessionId);
    if (ended?.provider !== 'franceconnect') return undefined;
    return this.client.endSessionUrl(ended.idToken);
  }
}
