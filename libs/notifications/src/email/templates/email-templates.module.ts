import { Module } from '@nestjs/common';
import { EMAIL_RENDERER } from '../email-renderer.js';
import { EmailTemplatesRenderer } from './email-templates.renderer.js';

/** The templates as the sender's `EMAIL_RENDERER`. */
@Module({
  providers: [
    EmailTemplatesRenderer,
    { provide: EMAIL_RENDERER, useExisting: EmailTemplatesRenderer },
  ],
  exports: [EmailTemplatesRenderer, EMAIL_RENDERER],
})
export class EmailTemplatesModule {}
