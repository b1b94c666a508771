import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, JobRunner } from '@relais/core';
import { SessionRepository } from '../session.repository.js';

/**
 * The hourly `sessions.provider-tokens` job (one instance at a time, under its advisory lock):
 * a session opened through FranceConnect or ProConnect keeps the provider's ID token for its
 * logout (decision 0028); once the session cannot be used any more (ended, past its lifetime,
 * idle past its last refresh token) the token is forgotten. A sign-out or a refresh that ends the
 * session forgets it at once; this is for the sessions nobody comes back to.
 */
@Injectable()
export class ProviderTokensCleanupJob implements OnModuleInit {
  private readonly lifetimeMs: number;

  constructor(
    private readonly sessions: SessionRepository,
    private readonly jobs: JobRunner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.lifetimeMs = config.sessionMaxHours * 3_600_000;
  }

  onModuleInit(): void {
    this.jobs.register({
      name: 'sessions.provider-tokens',
      schedule: { everyMs: 3600 * 1000 },
      lock: true,
      logLevel: 'log',
      run: async () => `${await this.cleanUp()} spent sessions' provider ID tokens forgotten`,
    });
  }

  /** One run; public for tests and tools. */
  cleanUp(): Promise<number> {
    return this.sessions.forgetSpentProviderTokens(this.lifetimeMs);
  }
}
