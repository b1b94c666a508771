/** What an email becomes: its subject, its two parts and any extra headers (List-Unsubscribe). */
export interface RenderedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly headers?: Record<string, string>;
}

/** Turns a delivery's message (the typed data of its template) into an email. */
export interface EmailRenderer {
  render(message: unknown): Promise<RenderedEmail>;
}

/**
 * The renderer's token: the templates' module provides it. Without it the sender falls back
 * to `plainEmailRenderer`, for tests of the channel alone.
 */
export const EMAIL_RENDERER = Symbol('EMAIL_RENDERER');

/** A bare rendering (the kind as subject, the message as JSON): never what a user should get. */
export const plainEmailRenderer: EmailRenderer = {
  render(message: unknown): Promise<RenderedEmail> {
    const kind =
      typeof message === 'object' && message !== null && 'kind' in message
        ? String(message.kind)
        : 'Relais';
    const text = JSON.stringify(message, null, 2);
    return Promise.resolve({ subject: kind, text, html: `<pre>${escapeHtml(text)}</pre>` });
  },
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
