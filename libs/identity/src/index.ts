export { AccountEntity, AccountStatus } from './account.entity.js';
export { MembershipEntity } from './membership.entity.js';
export { InvitationEntity } from './invitation.entity.js';
export { RefreshTokenEntity, SessionEntity } from './session.entity.js';
export type { SessionProvider } from './session.entity.js';
export { ADMIN_ROLES, Role, STRUCTURE_ROLES } from './role.js';
export type {
  AccountPrincipal,
  ClientPrincipal,
  MembershipGrant,
  PersonPrincipal,
  Principal,
} from './principal.js';
export { IdentityModule } from './identity.module.js';
export {
  AccessRevocations,
  personRevocationKey,
  sessionRevocationKey,
} from './access-revocations.js';
export { ApiClientEntity } from './api-clients/api-client.entity.js';
export { API_SCOPES, ApiScope } from './api-clients/api-scope.js';
export { ClientCredentialsService, OAuthError } from './api-clients/client-credentials.service.js';
export type { ClientToken } from './api-clients/client-credentials.service.js';
export { newClientSecret } from './api-clients/client-secret.js';
export { PrincipalResolver, principalKey } from './principal-resolver.service.js';
export type { LivePrincipal } from './principal-resolver.service.js';
export { ACCESS_TOKEN_TTL_SECONDS, AccessTokenService } from './sessions/access-token.service.js';
export type { AccessTokenClaims } from './sessions/access-token.service.js';
export { REFRESH_TOKEN_TTL_MS, SessionService } from './sessions/session.service.js';
export type { IssuedTokens } from './sessions/session.service.js';
export { DevSignInService } from './sessions/dev-sign-in.service.js';
export { AccountProfileService, FRENCH_PHONE_PATTERN } from './accounts/account-profile.service.js';
export { OidcModule } from './oidc/oidc.module.js';
export { OidcSignInService } from './oidc/oidc-sign-in.service.js';
export { AccountRepository } from './account.repository.js';
export { AccountNamesRepository } from './account-names.repository.js';
export { ActorNamesRepository } from './actor-names.repository.js';
export type { ActorNames } from './actor-names.repository.js';
export type { AccountName } from './account-names.repository.js';
export { MembershipStatusRepository } from './membership-status.repository.js';
export { MembershipRepository } from './membership.repository.js';
export type { MembershipListQuery, MembershipListRecord } from './membership.repository.js';
export type { MembershipPlace } from './membership-place.js';
export { SessionRepository } from './session.repository.js';
export { ProviderTokensCleanupJob } from './sessions/provider-tokens-cleanup.job.js';
export type { PrincipalMembershipRow, ProviderSession } from './session.repository.js';
export { InvitationRepository } from './invitation.repository.js';
export { AccountImportRepository } from './account-import.repository.js';
export { MembershipImportRepository } from './membership-import.repository.js';
export type { StagedLineProblem } from './account-import.repository.js';
export type { InvitationListQuery, InvitationListRecord } from './invitation.repository.js';
export { ApiClientRepository } from './api-clients/api-client.repository.js';
export { ApiClientWebhookRepository } from './api-clients/api-client-webhook.repository.js';
export type {
  WebhookEndpointRow,
  WebhookTargetRow,
} from './api-clients/api-client-webhook.repository.js';
export { MembershipAudienceRepository } from './membership-audience.repository.js';
export type { EmailContact } from './membership-audience.repository.js';
export { MembershipHandoverRepository } from './membership-handover.repository.js';
export type { ProfessionalRef } from './membership-handover.repository.js';
export { OpenIdRelyingParty, stringClaim } from './oidc/openid-relying-party.js';
export type {
  OidcSignInStart,
  RelyingPartyProfile,
  RelyingPartySettings,
  VerifiedClaims,
} from './oidc/openid-relying-party.js';
export { LoginAttemptSeal } from './oidc/login-attempt.js';
export type { LoginAttempt } from './oidc/login-attempt.js';

import { AccountEntity } from './account.entity.js';
import { ApiClientEntity } from './api-clients/api-client.entity.js';
import { InvitationEntity } from './invitation.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { RefreshTokenEntity, SessionEntity } from './session.entity.js';

/** The entities this lib owns, for the app's entity list. */
export const identityEntities = [
  AccountEntity,
  MembershipEntity,
  SessionEntity,
  RefreshTokenEntity,
  InvitationEntity,
  ApiClientEntity,
];
