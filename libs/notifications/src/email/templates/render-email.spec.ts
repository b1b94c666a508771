import { describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import { EMAIL_RENDERER } from '../email-renderer.js';
import { escapeHtml, layoutHtml, layoutHtmlThroughMjml } from './email-layout.js';
import {
  EMAIL_CATEGORY_BY_KIND,
  formatShortName,
  relaisLink,
  shortPersonName,
  type EmailMessage,
  type RenderedTemplate,
} from './email-message.js';
import { EMAIL_SAMPLES, allEmailSamples } from './email-samples.js';
import { EmailTemplatesModule } from './email-templates.module.js';
import { EmailTemplatesRenderer } from './email-templates.renderer.js';
import { emailContent, renderEmail } from './render-email.js';

/** Every absolute URL a message carries, wherever it sits (links, digest lines, unsubscribe). */
function urlsOf(value: unknown): string[] {
  if (typeof value === 'string') return /^https?:\/\//.test(value) ? [value] : [];
  if (value instanceof Date || value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(urlsOf);
}

const TAG = /<\/?[a-z][a-z0-9-]*(\s[^>]*)?\/?>/i;

describe('renderEmail', () => {
  it('has a sample for every kind of email', () => {
    expect(Object.keys(EMAIL_SAMPLES).sort()).toEqual(Object.keys(EMAIL_CATEGORY_BY_KIND).sort());
    for (const samples of Object.values(EMAIL_SAMPLES)) expect(samples.length).toBeGreaterThan(0);
  });

  it.each(
    allEmailSamples().map((message, index) => [`${message.kind} #${index}`, message] as const),
  )(
    'renders %s with its links in both parts, a text part without markup and no remote resource',
    async (_name, message) => {
      const email = await renderEmail(message);
      expect(email.category).toBe(EMAIL_CATEGORY_BY_KIND[message.kind]);
      expect(email.subject.length).toBeGreaterThan(0);
      expect(email.subject.length).toBeLessThanOrEqual(110);
      expect(email.subject).not.toMatch(/[\r\n]/);

      const urls = urlsOf(message);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) {
        expect(email.html).toContain(`href="${escapeHtml(url)}"`);
        expect(email.text).toContain(url);
      }

      expect(email.text.trim().length).toBeGreaterThan(0);
      expect(email.text).not.toMatch(TAG);
      expect(email.text).toContain(`Bonjour ${message.recipientFirstName},`);
      expect(email.text).toContain('Ne répondez pas à ce courriel');
      expect(`${email.subject}\n${email.text}`).not.toContain('..');
      expect(email.html).toContain('Ne répondez pas à ce courriel');

      expect(email.html).toMatch(/<html[^>]* lang="fr"/);
      expect(email.html).toContain('République<br />française');
      expect(email.html).toMatch(/<h1>[^<]+<\/h1>/);
      expect(email.html).not.toMatch(/<img[^>]+src="https?:/i);
      expect(email.html).not.toMatch(/<link[^>]+stylesheet/i);
      expect(email.html).not.toMatch(/@import|fonts\.googleapis|url\(/i);
      expect(email.html).not.toMatch(/<script/i);

      if (message.unsubscribe) {
        expect(email.text).toContain(`«\u202F${message.unsubscribe.categoryLabel}\u202F»`);
        expect(email.html).toContain(
          `«\u202F${escapeHtml(message.unsubscribe.categoryLabel)}\u202F»`,
        );
      } else {
        expect(email.text).not.toContain('Ne plus recevoir');
      }
    },
  );

  it.each(
    allEmailSamples().map((message, index) => [`${message.kind} #${index}`, message] as const),
  )(
    'gives %s the HTML MJML itself gives for it, from the layout compiled once',
    async (_name, message) => {
      const content = emailContent(message);
      expect(await layoutHtml(content)).toBe(await layoutHtmlThroughMjml(content));
    },
  );

  it('puts markup in any value as text, in the compiled layout as through MJML', async () => {
    const [sample] = EMAIL_SAMPLES.HANDOVER_PROPOSED;
    const content = {
      ...emailContent(sample),
      subject: 'Un <b>passage</b> & « RelaisLayoutSlot3Mark »',
      heading: '<script>alert(1)</script>',
      why: 'RelaisLayoutSlot0Mark',
    };
    const compiled = await layoutHtml(content);
    expect(compiled).toBe(await layoutHtmlThroughMjml(content));
    expect(compiled).toContain(
      '<title>Un &lt;b&gt;passage&lt;/b&gt; &amp; « RelaisLayoutSlot3Mark »</title>',
    );
    expect(compiled).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(compiled).not.toContain('<script>');
  });

  it('gives each kind a short, specific subject', async () => {
    const subjects = await Promise.all(
      allEmailSamples().map(async (message) => (await renderEmail(message)).subject),
    );
    expect(subjects).toEqual([
      'Invitation à rejoindre Relais\u202F: Mission locale Nantes',
      'Invitation à rejoindre Relais\u202F: Mission locale Nantes',
      'Transfert proposé\u202F: Awa D. vers Mission locale Nantes',
      'Transfert proposé\u202F: Awa D. vers Mission locale Nantes',
      'Transfert accepté\u202F: Awa D. vers Mission locale Nantes',
      'Transfert refusé\u202F: Awa D. vers Mission locale Nantes',
      'Transfert expiré\u202F: Awa D. vers Mission locale Nantes',
      'Transfert annulé\u202F: Awa D. vers Mission locale Nantes',
      'Orientation acceptée\u202F: Awa D. vers Mission locale Nantes',
      'Orientation refusée\u202F: Awa D. vers Mission locale Nantes',
      'Demande pour rejoindre l’équipe d’Awa D.',
      'Demande acceptée\u202F: équipe d’Awa D.',
      'Demande refusée\u202F: équipe d’Awa D.',
      'Awa D. rejoint votre file active',
      'Awa D. rejoint votre file active',
      'Votre récapitulatif Relais du lundi 7 décembre 2026\u202F: 3 notifications non lues, 5 personnes sans référent',
      'Votre récapitulatif Relais du lundi 7 décembre 2026\u202F: 13 notifications non lues',
      'Votre espace personnel Relais',
      'Rappel\u202F: rendez-vous le jeudi 10 décembre 2026 à 14 h 30',
      'Rappel\u202F: rendez-vous aujourd’hui à 9 h',
      'Votre code de connexion Relais\u202F: 042917',
      'Demande d’Awa D. sur ses droits, à traiter',
      'Votre demande a reçu une réponse',
    ]);
  });

  it('tells the referent what a person asks and by when, and the person only that an answer waits', async () => {
    const asked = await renderEmail(EMAIL_SAMPLES.RIGHTS_REQUESTED[0]);
    expect(asked.text).toContain('Awa D. demande la correction de son dossier');
    expect(asked.text).toContain('jusqu’au 7 janvier 2027');
    expect(asked.category).toBe('RIGHTS_REQUESTS');
    const answered = await renderEmail(EMAIL_SAMPLES.RIGHTS_REQUEST_ANSWERED[0]);
    expect(answered.text).toContain('https://relais.example.gouv.fr/mon-espace');
    expect(answered.category).toBe('PERSON_SPACE');
  });

  it('says the deadline, the reason category and the waiting times in French, in Paris time', async () => {
    const proposed = await renderEmail(EMAIL_SAMPLES.HANDOVER_PROPOSED[0]);
    expect(proposed.text).toContain('Réponse attendue avant le 12 décembre 2026 à 18:00');
    expect(proposed.text).toContain('Motif\u202F: Projet professionnel');
    expect(proposed.text).toContain('Claire Martin (France Travail Nantes Est) propose');

    const digest = await renderEmail(EMAIL_SAMPLES.DAILY_DIGEST[0]);
    expect(digest.text).toContain('- Awa D., en attente depuis 2 jours');
    expect(digest.text).toContain('- Élodie É., en attente depuis moins d’un jour');
    expect(digest.text).toContain(
      'Claire Martin (France Travail Nantes Est) propose le transfert d’Awa D.',
    );
    expect(digest.text).toContain('Le transfert d’une personne a expiré sans réponse.');
    expect(digest.html).toContain('<h2>Sans référent à la Mission locale Nantes</h2>');
    // Beyond the people listed, a count: the subject tells them all.
    expect(digest.text).toContain('Et 3 autres personnes, à voir sur Relais.');
    expect(digest.subject).toContain('5 personnes sans référent');

    const long = await renderEmail(EMAIL_SAMPLES.DAILY_DIGEST[1]);
    expect(long.text).toContain('Et 12 autres notifications, à voir sur Relais.');
    expect(long.subject).toContain('13 notifications non lues');
  });

  it('escapes every value in the HTML, so markup in a name stays inert', async () => {
    const hostile = '<script>alert("x")</script>';
    const message: EmailMessage = {
      ...EMAIL_SAMPLES.HANDOVER_PROPOSED[0],
      recipientFirstName: hostile,
      proposer: { name: `Eve ${hostile}`, structureName: 'A & B "quotes"' },
      person: { firstName: '<b>Awa</b>', initial: '<' },
      targetStructureName: '<img src="http://evil.example/x.png">',
      reasonLabel: '</mj-text><mj-raw><script>1</script></mj-raw>',
      links: { handover: 'https://relais.example.gouv.fr/transferts/h-1?a=1&b="2"' },
    };
    const email = await renderEmail(message);
    expect(email.html).not.toMatch(/<script/i);
    expect(email.html).not.toMatch(/<img/i);
    expect(email.html).not.toContain('<b>Awa</b>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(email.html).toContain('A &amp; B &quot;quotes&quot;');
    expect(email.html).toContain(
      'href="https://relais.example.gouv.fr/transferts/h-1?a=1&amp;b=&quot;2&quot;"',
    );
  });

  it('shows no sensitive field even when the data it was built from had them', async () => {
    const personRecord = {
      givenName: 'Awa',
      familyName: 'Diallo-Secret',
      nir: '2 85 05 75 112 033 42',
      birthDate: '1985-05-12',
      reason: 'Violences conjugales, mise à l’abri en urgence',
    };
    // Extra fields smuggled past the types: the templates must still pick only what they show.
    const leakyPerson = { ...personRecord, ...shortPersonName(personRecord) };
    const messages: EmailMessage[] = allEmailSamples().map((sample) => {
      const leaky = { ...sample, reason: personRecord.reason, nir: personRecord.nir };
      return 'person' in sample ? { ...leaky, person: leakyPerson } : leaky;
    });
    messages.push({
      ...EMAIL_SAMPLES.DAILY_DIGEST[0],
      notifications: [{ ...EMAIL_SAMPLES.DAILY_DIGEST[0].notifications[0], person: leakyPerson }],
      unassigned: [
        {
          structureName: 'Mission locale Nantes',
          people: [{ person: leakyPerson, orientedAt: new Date() }],
        },
      ],
    });
    for (const message of messages) {
      const email: RenderedTemplate = await renderEmail(message);
      for (const part of [email.subject, email.html, email.text]) {
        expect(part).not.toContain('Diallo');
        expect(part).not.toContain('Secret');
        expect(part).not.toContain('112 033');
        expect(part).not.toContain('1985');
        expect(part).not.toContain('12/05');
        expect(part).not.toContain('Violences');
      }
    }
  });
});

describe('email helpers', () => {
  it('reduce a person to their first name and initial', () => {
    expect(formatShortName(shortPersonName({ givenName: ' Awa ', familyName: 'diallo' }))).toBe(
      'Awa D.',
    );
    expect(formatShortName(shortPersonName({ givenName: 'Élodie', familyName: 'éric' }))).toBe(
      'Élodie É.',
    );
    expect(formatShortName(shortPersonName({ givenName: 'Awa', familyName: '' }))).toBe('Awa');
  });

  it('build absolute links under the public address, prefix kept, host never changed', () => {
    expect(relaisLink('https://relais.gouv.fr/app/', '/transferts/h-1?x=1&y=2')).toBe(
      'https://relais.gouv.fr/app/transferts/h-1?x=1&y=2',
    );
    expect(relaisLink('http://localhost:3000', 'personnes/p-1#plan')).toBe(
      'http://localhost:3000/personnes/p-1#plan',
    );
    expect(relaisLink('https://relais.gouv.fr', '//evil.example/x')).toBe(
      'https://relais.gouv.fr/evil.example/x',
    );
    expect(() => relaisLink('javascript:alert(1)', '/')).toThrow(/http/);
  });
});

describe('EmailTemplatesRenderer', () => {
  it('is what the templates module provides as the sender’s EMAIL_RENDERER', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [EmailTemplatesModule] }).compile();
    expect(moduleRef.get(EMAIL_RENDERER)).toBeInstanceOf(EmailTemplatesRenderer);
    await moduleRef.close();
  });

  it('renders a message read back from JSON, with one-click unsubscribe headers', async () => {
    const renderer = new EmailTemplatesRenderer();
    for (const sample of allEmailSamples()) {
      const stored: unknown = JSON.parse(JSON.stringify(sample));
      const email = await renderer.render(stored);
      const direct = await renderEmail(sample);
      expect(email.subject).toBe(direct.subject);
      expect(email.text).toBe(direct.text);
      expect(email.html).toBe(direct.html);
      expect(email.headers).toEqual(
        sample.unsubscribe
          ? {
              'List-Unsubscribe': `<${sample.unsubscribe.url}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            }
          : undefined,
      );
    }
  });

  it('refuses a message of no known kind', async () => {
    await expect(new EmailTemplatesRenderer().render({ kind: 'NEWSLETTER' })).rejects.toThrow(
      /kind/,
    );
    await expect(
      new EmailTemplatesRenderer().render({
        ...EMAIL_SAMPLES.HANDOVER_PROPOSED[0],
        deadline: 'soon',
      }),
    ).rejects.toThrow(/deadline/);
  });
});
