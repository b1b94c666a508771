import {
  Controller,
  Get,
  Header,
  Inject,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig, missingLegalVariables } from '@relais/core';
import { Public } from '../auth/access.decorators.js';

/** What the legal pages show of the deployment; null where the département has not said. */
export interface LegalNoticeBody {
  readonly editor: string | null;
  readonly publicationDirector: string | null;
  readonly host: string | null;
  readonly dpoContact: string | null;
  readonly accessibilityContact: string | null;
}

/** The legal pages' facts (mentions légales, données personnelles, accessibilité). */
@Controller('legal')
export class LegalController implements OnApplicationBootstrap {
  private readonly logger = new Logger('Legal');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Warns, never refuses: a blank line on a legal page must not keep anyone from their files. */
  onApplicationBootstrap(): void {
    const missing = missingLegalVariables(this.config.legal);
    if (this.config.nodeEnv === 'production' && missing.length > 0) {
      this.logger.warn(
        `the legal pages show placeholders until these are set: ${missing.join(', ')}`,
      );
    }
  }

  // Public: the legal pages are read signed out too; everything here is published by law.
  @Public()
  @Get('notice')
  @Header('Cache-Control', 'no-cache')
  notice(): LegalNoticeBody {
    const { legal } = this.config;
    return {
      editor: legal.editor ?? null,
      publicationDirector: legal.publicationDirector ?? null,
      host: legal.host ?? null,
      dpoContact: legal.dpoContact ?? null,
      accessibilityContact: legal.accessibilityContact ?? null,
    };
  }
}
