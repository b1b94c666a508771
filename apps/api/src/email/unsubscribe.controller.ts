import type { ServerResponse } from 'node:http';
import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { ConfigurableEmailCategory } from '@relais/notifications';
import { EMAIL_CATEGORY_LABELS } from '@relais/notifications';
import { Public } from '../auth/access.decorators.js';
import { AuthRateLimit } from '../security/auth-rate-limit.decorator.js';
import { EmailPreferencesService } from './email-preferences.service.js';

// The page stands alone: its own inline style, a form posting back here, nothing else loads.
const PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `body{font-family:Marianne,Arial,sans-serif;color:#161616;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.75rem}button{background:#000091;color:#fff;border:0;padding:.5rem 1.5rem;font-size:1rem;cursor:pointer}
button:focus{outline:2px solid #0a76f6;outline-offset:2px}.erreur{color:#ce0500}`;

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ??
      character,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} – Relais</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

const REFUSED = page(
  'Lien de désabonnement invalide',
  `<p class="erreur" role="alert">Ce lien de désabonnement n’est pas valide : il a peut-être été modifié ou mal copié. Aucune préférence n’a été changée.</p>
<p>Vous pouvez choisir les courriels que vous recevez depuis la page « Mon compte » de Relais.</p>`,
);

function labelOf(category: ConfigurableEmailCategory): string {
  return EMAIL_CATEGORY_LABELS[category];
}

/**
 * The one-click unsubscribe of the links in emails (RFC 8058). A POST turns the token's category
 * off; a GET only shows a page whose button posts, so a mail scanner opening the link changes
 * nothing. The token is the credential: signed for one account and one category.
 */
@AuthRateLimit()
@Controller('email')
export class UnsubscribeController {
  constructor(private readonly preferences: EmailPreferencesService) {}

  // Public: it is reached from an email, signed out; the signed token says who and what.
  @Public()
  @Get('unsubscribe')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Security-Policy', PAGE_POLICY)
  confirm(
    @Query('token') token: unknown,
    @Res({ passthrough: true }) response: ServerResponse,
  ): string {
    const claim = typeof token === 'string' ? this.preferences.claimOf(token) : null;
    if (!claim) {
      response.statusCode = 400;
      return REFUSED;
    }
    const label = escapeHtml(labelOf(claim.category));
    return page(
      'Se désabonner',
      `<p>Vous ne recevrez plus les courriels « ${label} » de Relais si vous confirmez.</p>
<form method="post" action="?token=${escapeHtml(encodeURIComponent(token as string))}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Confirmer le désabonnement</button>
</form>
<p>Vous pourrez les réactiver depuis la page « Mon compte » de Relais.</p>`,
    );
  }

  // Public: mail clients post here without any session (RFC 8058 List-Unsubscribe-Post).
  @Public()
  @Post('unsubscribe')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Security-Policy', PAGE_POLICY)
  async unsubscribe(
    @Query('token') token: unknown,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<string> {
    const claim = typeof token === 'string' ? this.preferences.claimOf(token) : null;
    if (!claim) {
      response.statusCode = 400;
      return REFUSED;
    }
    await this.preferences.unsubscribe(claim);
    return page(
      'Désabonnement enregistré',
      `<p role="status">Vous ne recevrez plus les courriels « ${escapeHtml(labelOf(claim.category))} » de Relais.</p>
<p>Vous pourrez les réactiver depuis la page « Mon compte » de Relais.</p>`,
    );
  }
}
