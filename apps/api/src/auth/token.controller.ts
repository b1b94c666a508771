import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ClientCredentialsService, OAuthError } from '@relais/identity';
import { AuthRateLimit, RateLimitedBy } from '../security/auth-rate-limit.decorator.js';
import { Public } from './access.decorators.js';
import { basicCredentialsOf } from './client-credentials.js';
import { oauthClientId } from './rate-limit-subjects.js';

interface TokenRequest {
  grant_type?: unknown;
  client_id?: unknown;
  client_secret?: unknown;
  scope?: unknown;
}

interface OAuthResponse {
  status(code: number): OAuthResponse;
  setHeader(name: string, value: string): void;
}

const OAUTH_STATUS: Record<OAuthError['error'], number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_scope: 400,
  unsupported_grant_type: 400,
};

/** Client credentials from HTTP Basic (preferred by RFC 6749) or from the body. */
function credentialsOf(authorization: string | undefined, body: TokenRequest): [string, string] {
  const basic = basicCredentialsOf(authorization);
  if (basic) return basic;
  if (typeof body.client_id === 'string' && typeof body.client_secret === 'string') {
    return [body.client_id, body.client_secret];
  }
  throw new OAuthError(
    'invalid_client',
    'Send client_id and client_secret (HTTP Basic or form body).',
  );
}

/** OAuth2 token endpoint for partner systems: the client-credentials grant (RFC 6749, 4.4). */
@Controller('auth')
export class TokenController {
  constructor(private readonly clients: ClientCredentialsService) {}

  // Public: the client credentials are the authentication; rate-limited per client address
  // and per client id.
  @Public()
  @AuthRateLimit()
  @RateLimitedBy(oauthClientId)
  @Post('token')
  @HttpCode(200)
  async token(
    @Body() body: TokenRequest,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) response: OAuthResponse,
  ): Promise<Record<string, unknown>> {
    response.setHeader('Cache-Control', 'no-store');
    try {
      if (body.grant_type !== 'client_credentials') {
        throw new OAuthError('unsupported_grant_type', 'grant_type must be client_credentials.');
      }
      if (body.scope !== undefined && (typeof body.scope !== 'string' || body.scope.length > 500)) {
        throw new OAuthError('invalid_request', 'scope must be a space-separated list.');
      }
      const [clientId, secret] = credentialsOf(authorization, body);
      const requested = typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : [];
      const token = await this.clients.issue(
        clientId.slice(0, 100),
        secret.slice(0, 200),
        requested,
      );
      return {
        access_token: token.accessToken,
        token_type: 'Bearer',
        expires_in: token.expiresIn,
        scope: token.scopes.join(' '),
      };
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      response.status(OAUTH_STATUS[error.error]);
      if (error.error === 'invalid_client')
        response.setHeader('WWW-Authenticate', 'Basic realm="relais"');
      return { error: error.error, error_description: error.description };
    }
  }
}
