import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobRunner } from '@relais/core';
import { PersonSpaceRepository } from './person-space.repository.js';

/** How long a spent link or sign-in challenge is kept: a day, for support questions. */
export const SPENT_SECRETS_KEPT_MS = 24 * 3600 * 1000;

/**
 * The hourly `person-space.cleanup` job (one instance at a time, under its advisory lock):
 * links and sign-in challenges that can open nothing any more are deleted a day later, those
 * of unknown addresses included (they never have a person to be purged with).
 */
@Injectable()
export class PersonSpaceCleanupJob implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly spaces: PersonSpaceRepository,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'person-space.cleanup',
      schedule: { everyMs: 3600 * 1000 },
      lock: true,
      logLevel: 'log',
      run: async () => {
        const { codes, links } = await this.cleanUp();
        return `${codes} sign-in challenges and ${links} links deleted`;
      },
    });
  }

  /** One run; public for tests and tools. */
  cleanUp(keepMs = SPENT_SECRETS_KEPT_MS): Promise<{ codes: number; links: number }> {
    return this.spaces.deleteSpent(keepMs, this.dataSource.manager);
  }
}
