import { Args, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/access.decorators.js';
import { DevSentEmailsArgs } from './dev-mail.args.js';
import { DevSentEmail } from './dev-mail.model.js';
import { DevMailService } from './dev-mail.service.js';

@Resolver(() => DevSentEmail)
export class DevMailResolver {
  constructor(private readonly devMail: DevMailService) {}

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
}
