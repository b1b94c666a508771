import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
} from '@relais/core';
import {
  type ConfigurableEmailCategory,
  EMAIL_CATEGORY_LABELS,
  effectiveMode,
  EmailMode,
  EmailPreferenceRepository,
  isConfigurableEmailCategory,
  readUnsubscribeToken,
  type UnsubscribeClaim,
} from '@relais/notifications';

/** One category as the account sees it: its label, the mode that applies and whether it was chosen. */
export interface EmailPreferenceView {
  readonly category: ConfigurableEmailCategory;
  readonly label: string;
  readonly mode: EmailMode;
  readonly isDefault: boolean;
}

/** An account's email preferences, and the one-click unsubscribe of the links in emails. */
@Injectable()
export class EmailPreferencesService {
  constructor(
    private readonly preferences: EmailPreferenceRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(accountId: string): Promise<EmailPreferenceView[]> {
    const chosen = await this.preferences.modesOf(accountId);
    return (Object.keys(EMAIL_CATEGORY_LABELS) as ConfigurableEmailCategory[]).map((category) =>
      this.viewOf(category, chosen.get(category)),
    );
  }

  async set(accountId: string, category: string, mode: EmailMode): Promise<EmailPreferenceView> {
    if (!isConfigurableEmailCategory(category)) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.NotOneOf,
        'Invitations are always sent: their category cannot be changed.',
        { field: 'category', fields: [{ field: 'category', rule: 'ONE_OF' }] },
      );
    }
    await this.preferences.setMode(accountId, category, mode);
    return this.viewOf(category, mode);
  }

  /** The token's account and category, or null when it is not one Relais signed. */
  claimOf(token: string): UnsubscribeClaim | null {
    return readUnsubscribeToken(this.config.authTokenSecret, token);
  }

  /** Turns the token's category off for its account (one click, from an email). */
  async unsubscribe(claim: UnsubscribeClaim): Promise<void> {
    await this.preferences.setMode(claim.accountId, claim.category, EmailMode.NEVER);
  }

  private viewOf(
    category: ConfigurableEmailCategory,
    stored: EmailMode | undefined,
  ): EmailPreferenceView {
    return {
      category,
      label: EMAIL_CATEGORY_LABELS[category],
      mode: effectiveMode(category, stored),
      isDefault: stored === undefined,
    };
  }
}
