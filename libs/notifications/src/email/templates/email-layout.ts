import type Mjml2HtmlModule from 'mjml';
import type { EmailActor } from './email-message.js';

/**
 * The one layout every email shares: the State's sober look (a "République française" text block,
 * the "Relais" wordmark, blue #000091), no remote image or font, real headings, and a footer that
 * says why the email came and how to stop it. Values reach the HTML only through `html`, which
 * escapes them.
 */

/** An HTML fragment already escaped, safe to insert as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlValue = string | number | SafeHtml | readonly SafeHtml[];

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A template literal whose interpolated values are escaped, unless already `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += htmlValue(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

function htmlValue(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((part: SafeHtml) => part.value).join('');
  return escapeHtml(String(value));
}

const BLUE = '#000091';
const INK = '#161616';
const MUTED = '#3a3a3a';
/** Marianne when the reader has it installed; the system's sans-serif otherwise. Never downloaded. */
const FONTS = "Marianne, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

/** A call to action: a button in HTML, a labelled URL in text. The label says where it goes. */
export interface EmailAction {
  readonly label: string;
  readonly url: string;
}

/** The parts of one email the layout puts together. */
export interface EmailContent {
  readonly subject: string;
  /** The preview line mail clients show after the subject. */
  readonly preview: string;
  readonly heading: string;
  /** The body below the heading, one `mj-text` content. */
  readonly body: SafeHtml;
  readonly action: EmailAction;
  /** Further links after the action (each is also in the text part). */
  readonly moreLinks?: readonly EmailAction[];
  /** Why this recipient receives this email, one sentence. */
  readonly why: string;
  /** The text part, written for text: the layout adds greeting-free header and footer. */
  readonly text: string;
  readonly unsubscribe?: { readonly categoryLabel: string; readonly url: string };
}

export function linkHtml(action: EmailAction): SafeHtml {
  return html`<a href="${action.url}" style="color:${BLUE};text-decoration:underline;"
    >${action.label}</a
  >`;
}

/** The layout's slots, in the order their marks are numbered. */
const SLOT_NAMES = [
  'subject',
  'preview',
  'heading',
  'body',
  'actionUrl',
  'actionLabel',
  'more',
  'why',
  'unsubscribe',
] as const;

/**
 * The values the layout places, each already HTML (escaped, or built by `html`). `more` is null
 * when the email has no further links (the layout then has no block for them).
 */
type LayoutSlots = {
  readonly [Name in (typeof SLOT_NAMES)[number]]: Name extends 'more' ? SafeHtml | null : SafeHtml;
};

function layoutSlots(content: EmailContent): LayoutSlots {
  const more = (content.moreLinks ?? []).map((link) => html`<p>${linkHtml(link)}</p>`);
  return {
    subject: html`${content.subject}`,
    preview: html`${content.preview}`,
    heading: html`${content.heading}`,
    body: content.body,
    actionUrl: html`${content.action.url}`,
    actionLabel: html`${content.action.label}`,
    more: more.length > 0 ? html`${more}` : null,
    why: html`${content.why}`,
    unsubscribe: content.unsubscribe
      ? html`<p>
          ${linkHtml({
            label: `Ne plus recevoir les courriels « ${content.unsubscribe.categoryLabel} »`,
            url: content.unsubscribe.url,
          })}
        </p>`
      : html``,
  };
}

/** The MJML of one email, its slots' values put in. */
function layoutSource(slots: LayoutSlots): string {
  return html`<mjml lang="fr">
    <mj-head>
      <mj-title>${slots.subject}</mj-title>
      <mj-preview>${slots.preview}</mj-preview>
      <mj-attributes>
        <mj-all font-family="${FONTS}" />
        <mj-text color="${INK}" font-size="16px" line-height="1.5" />
      </mj-attributes>
      <mj-style>
        h1 { font-size: 24px; line-height: 1.3; margin: 0 0 16px; color: ${INK}; } h2 { font-size:
        18px; line-height: 1.3; margin: 24px 0 8px; color: ${INK}; } p { margin: 0 0 12px; } ul {
        margin: 0 0 12px; padding-left: 20px; } li { margin: 0 0 6px; }
      </mj-style>
    </mj-head>
    <mj-body background-color="#f6f6f6" width="600px">
      <mj-section background-color="#ffffff" border-bottom="4px solid ${BLUE}" padding="16px 0">
        <mj-column>
          <mj-text
            font-size="14px"
            font-weight="700"
            line-height="1.1"
            text-transform="uppercase"
            padding-bottom="4px"
            >République<br />française</mj-text
          >
          <mj-text font-size="22px" font-weight="700" color="${BLUE}" padding-top="4px"
            >Relais</mj-text
          >
        </mj-column>
      </mj-section>
      <mj-section background-color="#ffffff" padding="24px 0 8px">
        <mj-column>
          <mj-text
            ><h1>${slots.heading}</h1>
            ${slots.body}</mj-text
          >
          <mj-button
            href="${slots.actionUrl}"
            background-color="${BLUE}"
            color="#ffffff"
            font-size="16px"
            font-weight="700"
            border-radius="0"
            align="left"
            inner-padding="12px 20px"
            >${slots.actionLabel}</mj-button
          >
          ${slots.more ? html`<mj-text>${slots.more}</mj-text>` : html``}
        </mj-column>
      </mj-section>
      <mj-section padding="16px 0">
        <mj-column>
          <mj-text font-size="13px" color="${MUTED}"
            ><p>${slots.why}</p>
            ${slots.unsubscribe}
            <p>Ne répondez pas à ce courriel : cette adresse n’est pas lue.</p></mj-text
          >
        </mj-column>
      </mj-section>
    </mj-body>
  </mjml>`.value;
}

/** MJML to HTML. */
async function mjmlToHtml(source: string): Promise<string> {
  // No `fonts`: MJML would otherwise link Google Fonts when a family name matches its defaults.
  // Strict: a layout mistake (an unknown attribute, a misplaced tag) throws, and the unit test
  // renders every kind, so it cannot reach a mailbox.
  const mjml2html = await loadMjml();
  const result = await mjml2html(source, {
    fonts: {},
    keepComments: false,
    validationLevel: 'strict',
  });
  return result.html;
}

/** A slot's mark in the compiled layout: letters and digits only, which MJML passes through. */
const SLOT_MARK = /RelaisLayoutSlot(\d)Mark/g;

/**
 * The layout through MJML once (per variant: with or without further links), each slot a mark,
 * cut at the marks: the HTML around the slots. An email is then its slots' values put between
 * those pieces, which the test checks is the HTML MJML gives for that email itself; MJML's
 * render (milliseconds of CPU) no longer runs per email.
 */
const compiled = new Map<boolean, Promise<readonly string[]>>();

function compiledLayout(withMore: boolean): Promise<readonly string[]> {
  let layout = compiled.get(withMore);
  if (!layout) {
    const marks = Object.fromEntries(
      SLOT_NAMES.map((name, index) => [name, new SafeHtml(`RelaisLayoutSlot${index}Mark`)]),
    ) as LayoutSlots;
    layout = mjmlToHtml(layoutSource({ ...marks, more: withMore ? marks.more : null })).then(
      (output) => output.split(SLOT_MARK),
    );
    layout.catch(() => compiled.delete(withMore));
    compiled.set(withMore, layout);
  }
  return layout;
}

export async function layoutHtml(content: EmailContent): Promise<string> {
  const slots = layoutSlots(content);
  const pieces = await compiledLayout(slots.more !== null);
  // split() with a capture group: the HTML between the marks at even indexes, the slots' numbers
  // at odd ones.
  return pieces
    .map((piece, index) =>
      index % 2 === 0 ? piece : (slots[SLOT_NAMES[Number(piece)]]?.value ?? ''),
    )
    .join('');
}

/** The same email through MJML itself, as each was rendered before: what the test compares to. */
export async function layoutHtmlThroughMjml(content: EmailContent): Promise<string> {
  return mjmlToHtml(layoutSource(layoutSlots(content)));
}

export function layoutText(content: EmailContent): string {
  const lines = [
    'République française — Relais',
    '',
    content.heading,
    '='.repeat(Math.min(content.heading.length, 72)),
    '',
    content.text.trim(),
    '',
    `${content.action.label} :`,
    content.action.url,
  ];
  for (const link of content.moreLinks ?? []) lines.push('', `${link.label} :`, link.url);
  lines.push('', '--', content.why);
  if (content.unsubscribe) {
    lines.push(
      `Ne plus recevoir les courriels « ${content.unsubscribe.categoryLabel} » :`,
      content.unsubscribe.url,
    );
  }
  lines.push('Ne répondez pas à ce courriel : cette adresse n’est pas lue.', '');
  return lines.join('\n');
}

const LONG_DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'full',
});
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** "lundi 7 décembre 2026", in Paris. */
export function formatDay(date: Date): string {
  return LONG_DATE.format(date);
}

/** "12 décembre 2026 à 18:00", in Paris. */
export function formatDateTime(date: Date): string {
  return DATE_TIME.format(date);
}

/** "depuis 3 jours", counted in whole days. */
export function formatWaiting(since: Date, now: Date): string {
  const days = Math.floor((now.getTime() - since.getTime()) / 86_400_000);
  if (days < 1) return 'depuis moins d’un jour';
  return days === 1 ? 'depuis 1 jour' : `depuis ${days} jours`;
}

/** Ends a sentence once: "… de Awa D." takes no second period. */
export function period(sentence: string): string {
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}

/** "Claire Martin (France Travail Nantes Est)", or the name alone. */
export function actorText(actor: EmailActor): string {
  return actor.structureName === null ? actor.name : `${actor.name} (${actor.structureName})`;
}

/** How every email opens, in both parts. */
export function greeting(firstName: string): string {
  return `Bonjour ${firstName},`;
}

type Mjml2Html = typeof Mjml2HtmlModule;

let mjml: Promise<Mjml2Html> | undefined;

/**
 * MJML on the first render: loading it costs about 0.7 s, which every process importing the
 * notifications lib (each test file, each CLI tool) would otherwise pay without sending a mail.
 */
function loadMjml(): Promise<Mjml2Html> {
  mjml ??= import('mjml').then((module) => module.default);
  return mjml;
}
