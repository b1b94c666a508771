import { getMetadataStorage } from 'class-validator';
import { INPUT_RULES, type InputFieldRule, TEXT_FORMATS } from '@relais/core';
import {
  checkFields,
  dateRuleMessage,
  messageFor,
  withLengths,
} from '../../../web/src/forms/field-check.js';
import { FRENCH_PHONE_PATTERN } from '@relais/identity';
import { webhookUrlProblem } from '../../../../libs/notifications/src/webhooks/webhook-endpoint.service.js';
import * as apiClientInputs from '../admin/api-client.models.js';
import * as adminInputs from '../admin/dto/admin.inputs.js';
import * as membershipInputs from '../admin/dto/membership-change.inputs.js';
import * as handoverInputs from '../handovers/dto/handover.inputs.js';
import * as meArgs from '../identity/me.resolver.js';
import * as noteInputs from '../pathways/dto/note.inputs.js';
import * as personInputs from '../pathways/dto/person.inputs.js';
import * as planInputs from '../pathways/dto/plan.inputs.js';
import * as rightsRequestInputs from '../person-space/dto/rights-request.inputs.js';
import * as webhookArgs from '../webhooks/dto/webhook.args.js';

/** Every input class the web forms fill, by name. */
const CLASSES = new Map<string, new () => object>(
  [
    adminInputs,
    apiClientInputs,
    membershipInputs,
    handoverInputs,
    meArgs,
    noteInputs,
    personInputs,
    planInputs,
    rightsRequestInputs,
    webhookArgs,
  ].flatMap((module) =>
    Object.entries(module).filter(
      (entry): entry is [string, new () => object] => typeof entry[1] === 'function',
    ),
  ),
);

/**
 * The formats the API checks in a service rather than by a decorator, by input and field; the
 * tests below prove each service's check is the format's.
 */
const SERVICE_FORMATS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  SetApiClientWebhookArgs: { url: 'webhookUrl' },
  SetMyWorkPhoneArgs: { workPhone: 'phone' },
};

const DATE_VALIDATORS: Readonly<Record<string, InputFieldRule['date']>> = {
  isPlausibleBirthDate: 'birth',
  isPlanDate: 'plan',
  isAppointmentTime: 'appointment',
};

type Bounds = Omit<InputFieldRule, 'required'>;

/** The bounds the API's class-validator decorators put on each field of an input class. */
function serverBounds(target: new () => object): Record<string, Bounds> {
  const storage = getMetadataStorage();
  const found: Record<string, Record<string, unknown>> = {};
  for (const metadata of storage.getTargetValidationMetadatas(target, '', true, false)) {
    if (metadata.propertyName === 'version') continue;
    const name = storage.getTargetValidatorConstraints(metadata.constraintCls)[0]?.name ?? '';
    const [first] = (metadata.constraints as unknown[] | undefined) ?? [];
    const bounds = (found[metadata.propertyName] ??= {});
    if (['maxLength', 'minLength', 'min', 'max'].includes(name)) bounds[name] = first;
    if (name in DATE_VALIDATORS) bounds.date = DATE_VALIDATORS[name];
    if (name === 'isEmail') bounds.format = 'email';
    if (name === 'matches') {
      const format = Object.entries(TEXT_FORMATS).find(
        ([, pattern]) => first instanceof RegExp && pattern.source === first.source,
      );
      bounds.format = format?.[0] ?? `unknown pattern ${String(first)}`;
    }
  }
  for (const [field, format] of Object.entries(SERVICE_FORMATS[target.name] ?? {})) {
    (found[field] ??= {}).format = format;
  }
  return Object.fromEntries(Object.entries(found).filter(([, b]) => Object.keys(b).length > 0));
}

/** The bounds the web client checks (whether a field is required is compared apart). */
function clientBounds(rules: Readonly<Record<string, InputFieldRule>>): Record<string, Bounds> {
  return Object.fromEntries(
    Object.entries(rules)
      .map(([field, rule]) => {
        const bounds = Object.entries(rule).filter(([key]) => key !== 'required');
        return [field, Object.fromEntries(bounds)] as const;
      })
      .filter(([, bounds]) => Object.keys(bounds).length > 0),
  );
}

describe('the web forms check the API’s own rules', () => {
  it.each(Object.keys(INPUT_RULES))(
    '%s: every bounded field has the same limits, date window and format on both sides',
    (name) => {
      const target = CLASSES.get(name);
      expect(target).toBeDefined();
      const rules: Readonly<Record<string, InputFieldRule>> =
        INPUT_RULES[name as keyof typeof INPUT_RULES];
      expect(clientBounds(rules)).toEqual(serverBounds(target!));
    },
  );

  it('a field the API requires with a minimum length is required in the form', () => {
    const mandatory: string[] = [];
    for (const [name, rules] of Object.entries(INPUT_RULES)) {
      for (const [field, rule] of Object.entries(rules as Record<string, InputFieldRule>)) {
        if ((rule.minLength ?? 0) >= 1 && !rule.required) mandatory.push(`${name}.${field}`);
      }
    }
    expect(mandatory).toEqual([]);
  });
});

describe('the formats the API checks in its services', () => {
  it('a work phone: the account service’s pattern is the form’s', () => {
    expect(FRENCH_PHONE_PATTERN.source).toBe(TEXT_FORMATS.phone.source);
  });

  it.each([
    'https://partenaire.example/relais/evenements',
    'HTTPS://partenaire.example:8443/hook?x=1',
    'https://203.0.113.7/hook',
    'https://partenaire.example/a b',
    'http://partenaire.example/hook',
    'ftp://partenaire.example/hook',
    'partenaire.example/hook',
    'https://user:secret@partenaire.example/hook',
    'https://partenaire.example/hook#part',
    'http://localhost:4000/hook',
    'http://127.0.0.1:4000/hook',
    'http://[::1]/hook',
    'http://10.0.0.1/hook',
    'https://',
  ])(
    'a webhook’s address %s: the form takes it as the API does where it allows this machine',
    (url) => {
      const allowed = webhookUrlProblem(url, { allowPrivateAddresses: true }) === null;
      expect(TEXT_FORMATS.webhookUrl.test(url)).toBe(allowed);
      // In production the API refuses more (this machine, private addresses): never less.
      if (webhookUrlProblem(url, { allowPrivateAddresses: false }) === null) {
        expect(TEXT_FORMATS.webhookUrl.test(url)).toBe(true);
      }
    },
  );
});

describe('the French of a broken rule', () => {
  const now = Date.parse('2026-12-07T10:00:00Z');

  it('says every failing field at once, with the rule, its limit and the length typed', () => {
    const errors = checkFields(
      {
        givenName: '',
        familyName: 'x'.repeat(101),
        birthDate: '2030-01-01',
        addressLine: 'a'.repeat(234),
        postalCode: '4400',
        city: '',
      },
      INPUT_RULES.CreatePersonInput,
      now,
    );
    expect(errors).toEqual([
      { field: 'givenName', rule: 'REQUIRED' },
      { field: 'familyName', rule: 'MAX_LENGTH', limit: 100, length: 101 },
      { field: 'birthDate', rule: 'FORMAT' },
      { field: 'addressLine', rule: 'MAX_LENGTH', limit: 200, length: 234 },
      { field: 'postalCode', rule: 'FORMAT' },
    ]);
    const rules = INPUT_RULES.CreatePersonInput;
    expect(errors.map((error) => messageFor(error, rules[error.field as 'city']))).toEqual([
      'Ce champ est obligatoire.',
      'Au plus 100 caractères (101 saisis).',
      'La date de naissance ne peut être ni dans le futur ni remonter à plus de 130 ans.',
      'Au plus 200 caractères (234 saisis).',
      'Le code postal compte 5 chiffres, par exemple 44000.',
    ]);
  });

  it('writes long limits the French way and says minimum lengths', () => {
    const note = INPUT_RULES.AddNoteInput.body;
    expect(messageFor({ field: 'body', rule: 'MAX_LENGTH', limit: 5000, length: 5012 }, note)).toBe(
      'Au plus 5\u202f000 caractères (5\u202f012 saisis).',
    );
    expect(messageFor({ field: 'reason', rule: 'MIN_LENGTH', limit: 3, length: 2 })).toBe(
      'Au moins 3 caractères (2 saisis).',
    );
    expect(messageFor({ field: 'title', rule: 'MIN_LENGTH', limit: 1 })).toBe(
      'Ce champ est obligatoire.',
    );
    expect(messageFor({ field: 'durationMinutes', rule: 'MAX', limit: 480 })).toBe(
      'La valeur doit être au plus 480.',
    );
    // A blank note is refused by a format on the server: said as a missing text.
    expect(checkFields({ body: '   ' }, INPUT_RULES.AddNoteInput)).toEqual([
      { field: 'body', rule: 'REQUIRED' },
    ]);
    expect(messageFor({ field: 'body', rule: 'FORMAT' }, note)).toBe('Ce champ est obligatoire.');
  });

  it('says each date window with its real limits, whichever side refused', () => {
    expect(dateRuleMessage('appointment')).toBe(
      'La date doit être dans les 5 dernières années ou les 2 prochaines.',
    );
    expect(dateRuleMessage('plan')).toBe(
      'La date doit être comprise entre le 1er janvier 2000 et les 10 prochaines années.',
    );
    const rules = INPUT_RULES.ScheduleAppointmentInput;
    expect(checkFields({ startsAt: '2020-06-01T10:00' }, rules, now)).toEqual([
      { field: 'startsAt', rule: 'FORMAT' },
    ]);
    expect(checkFields({ startsAt: '2026-12-10T10:00' }, rules, now)).toEqual([]);
    // The server's refusal of a date reads as the form's own.
    expect(messageFor({ field: 'startsAt', rule: 'FORMAT' }, rules.startsAt)).toBe(
      dateRuleMessage('appointment'),
    );
  });

  it('says a rule only the server knows by the form’s hint, and adds the length typed', () => {
    expect(messageFor({ field: 'nir', rule: 'FORMAT' }, {}, 'Le NIR compte 15 caractères.')).toBe(
      'Le NIR compte 15 caractères.',
    );
    expect(
      withLengths([{ field: 'reason', rule: 'MAX_LENGTH', limit: 1000 }], {
        reason: 'r'.repeat(1200),
      }),
    ).toEqual([{ field: 'reason', rule: 'MAX_LENGTH', limit: 1000, length: 1200 }]);
  });
});
