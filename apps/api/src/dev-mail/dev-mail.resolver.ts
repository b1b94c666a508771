import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/access.decorators.js';
import { DailyDigestService } from '../email/daily-digest.service.js';
import { DevSentEmailsArgs } from './dev-mail.args.js';
import { DevSentEmail } from './dev-mail.model.js';
import { DevMailService } from './dev-mail.service.js';

@Resolver(() => DevSentEmail)
export class DevMailResolver {
  constructor(
    private readonly devMail: DevMailService,
    private readonly digests: DailyDigestService,
  ) {}

  // Public: the page is read before signing in (it shows the invitation's sign-in link), and it
  // serves nothing outside development: without DEV_MAIL_DIR, and always in production, it
  // answers FORBIDDEN (DEVELOPMENT_ONLY). It stays in the schema so schema.gql is one file.
  @Public()
  @Query(() => [DevSentEmail], {
    description:
      'The newest emails caught by the development mail catcher of `npm start`, newest first. Development only: FORBIDDEN (DEVELOPMENT_ONLY) elsewhere.',
  })
  devSentEmails(@Args() args: DevSentEmailsArgs): Promise<DevSentEmail[]> {
    return this.devMail.newest(args.first);
  }

  // The daily digest goes out at EMAIL_DIGEST_HOUR; a newcomer under npm start sees it now.
  @Public()
  @Mutation(() => Int, {
    description:
      'Composes the daily digest now, as the job does at EMAIL_DIGEST_HOUR, and gives how many were queued (none twice the same day). Development only: FORBIDDEN (DEVELOPMENT_ONLY) elsewhere.',
  })
  async devSendDailyDigests(): Promise<number> {
    this.devMail.developmentFolder();
    return this.digests.queueDigests(new Date());
  }
}
