import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@relais/core';
import { EmailApiModule } from '../email/email-api.module.js';
import { DEV_MAIL_FOLDER, devMailFolder } from './dev-mail.config.js';
import { DevMailResolver } from './dev-mail.resolver.js';
import { DevMailService } from './dev-mail.service.js';

/** The development page of caught emails ("Courriels envoyés"); off outside development. */
@Module({
  imports: [EmailApiModule],
  providers: [
    {
      provide: DEV_MAIL_FOLDER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        devMailFolder({ DEV_MAIL_DIR: process.env.DEV_MAIL_DIR, NODE_ENV: config.nodeEnv }),
    },
    DevMailService,
    DevMailResolver,
  ],
})
export class DevMailApiModule {}
