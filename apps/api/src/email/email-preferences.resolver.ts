import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AccountPrincipal } from '@relais/identity';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentAccount } from '../auth/current-principal.decorator.js';
import {
  EmailCategoryValue,
  EmailPreference,
  SetEmailPreferenceArgs,
} from './email-preference.models.js';
import { EmailPreferencesService, type EmailPreferenceView } from './email-preferences.service.js';

function toModel(view: EmailPreferenceView): EmailPreference {
  return { ...view, category: view.category as EmailCategoryValue };
}

/** Your email preferences ("Mon compte"): per category, immediately, in the digest or never. */
@Resolver(() => EmailPreference)
export class EmailPreferencesResolver {
  constructor(private readonly preferences: EmailPreferencesService) {}

  @Authenticated()
  @Query(() => [EmailPreference], {
    description: 'Every category of emails you may configure, with the mode that applies.',
  })
  async emailPreferences(@CurrentAccount() viewer: AccountPrincipal): Promise<EmailPreference[]> {
    return (await this.preferences.list(viewer.accountId)).map(toModel);
  }

  @Authenticated()
  @Mutation(() => EmailPreference, {
    description:
      'Chooses when emails of a category reach you. INVITATION cannot be changed (NOT_ONE_OF on `category`).',
  })
  async setEmailPreference(
    @CurrentAccount() viewer: AccountPrincipal,
    @Args() args: SetEmailPreferenceArgs,
  ): Promise<EmailPreference> {
    return toModel(await this.preferences.set(viewer.accountId, args.category, args.mode));
  }
}
