// The bounds of what a person types into Relais, in one place: the API's input classes take their
// class-validator limits from here and the web client checks its forms against the same rules
// before sending (a unit test, apps/api/src/http/input-rules.spec.ts, proves the two agree field
// by field). A module with no imports, so the web client loads it by relative path.

/** The longest text each kind of field holds, in characters. */
export const TEXT_MAX = {
  name: 100,
  email: 254,
  addressLine: 200,
  city: 100,
  title: 200,
  location: 200,
  targetJob: 200,
  obstacleComment: 2000,
  note: 5000,
  handoverReason: 1000,
  handoverSummary: 2000,
  teamReason: 500,
  structureName: 200,
  territoryName: 120,
  webhookUrl: 500,
  apiClientName: 120,
  workPhone: 20,
  rightsRequest: 2000,
} as const;

/** The bounds of each number a person types. */
export const NUMBER_RANGES = {
  /** An appointment's length, in minutes. */
  appointmentMinutes: { min: 5, max: 480 },
  /** How far the person can travel for work, in kilometres. */
  mobilityRadiusKm: { min: 0, max: 500 },
} as const;

/** A window of dates around today, in years (365.25 days), or from a first calendar year. */
export interface DateWindow {
  readonly yearsBefore?: number;
  readonly fromYear?: number;
  readonly yearsAfter: number;
}

/** The dates each kind of date field accepts. */
export const DATE_WINDOWS = {
  /** Not in the future, not more than 130 years ago. */
  birth: { yearsBefore: 130, yearsAfter: 0 },
  /** A contract's or an action's date: from 2000 to ten years ahead. */
  plan: { fromYear: 2000, yearsAfter: 10 },
  /** An appointment: within five years before and two years after today. */
  appointment: { yearsBefore: 5, yearsAfter: 2 },
} as const satisfies Record<string, DateWindow>;

export type DateKind = keyof typeof DATE_WINDOWS;

const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;

/** A real calendar date written YYYY-MM-DD, as a UTC midnight; null otherwise. */
export function parseCalendarDate(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? date : null;
}

/** Whether a time falls within the window around `now`. */
export function isWithinDateWindow(date: Date, kind: DateKind, now = Date.now()): boolean {
  const window: DateWindow = DATE_WINDOWS[kind];
  const time = date.getTime();
  if (Number.isNaN(time) || time > now + window.yearsAfter * YEAR_MS) return false;
  if (window.fromYear !== undefined && date.getUTCFullYear() < window.fromYear) return false;
  return window.yearsBefore === undefined || time >= now - window.yearsBefore * YEAR_MS;
}

/** The fixed formats of identifiers and codes. */
export const TEXT_FORMATS = {
  phone: /^(\+33\s?|0)[1-9]([\s.]?\d{2}){4}$/,
  postalCode: /^\d{5}$/,
  /** A French town's INSEE (COG) code: 5 digits, or 2A/2B and 3 digits in Corsica. */
  birthplace: /^(\d{5}|2[ABab]\d{3})$/,
  /** A country's INSEE (COG) code: 99 and 3 digits, 99100 for France. */
  birthCountry: /^99\d{3}$/,
  cafNumber: /^\d{7}$/,
  franceTravailId: /^\d{7}[0-9A-Za-z]$/,
  siret: /^\d{14}$/,
  romeCode: /^[A-Na-n]\d{4}$/,
  territoryCode: /^(\d{2}|2[AB]|97[1-6])$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  notBlank: /\S/,
  /**
   * A webhook's address as the API's webhookUrlProblem takes it: https://, or http:// to this
   * machine (which the API allows only with WEBHOOK_ALLOW_PRIVATE_ADDRESSES); no user name or
   * password, no #fragment. Whether the host is public is the API's to say.
   */
  webhookUrl:
    /^(https:\/\/[^\s/?#@\\]+|http:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?)([/?][^#]*)?$/i,
} as const;

export type TextFormat = keyof typeof TEXT_FORMATS;

/** What one input field accepts. */
export interface InputFieldRule {
  readonly required?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly format?: TextFormat;
  readonly date?: DateKind;
}

export type InputRules = Readonly<Record<string, InputFieldRule>>;

const personName = { required: true, minLength: 1, maxLength: TEXT_MAX.name } as const;
const title = { required: true, minLength: 1, maxLength: TEXT_MAX.title } as const;
const handoverReason = {
  required: true,
  minLength: 3,
  maxLength: TEXT_MAX.handoverReason,
} as const;
const summary = { maxLength: TEXT_MAX.handoverSummary } as const;

const PERSON_FIELDS = {
  givenName: personName,
  familyName: personName,
  birthName: { maxLength: TEXT_MAX.name },
  birthDate: { required: true, date: 'birth' },
  birthplace: { format: 'birthplace' },
  birthCountry: { format: 'birthCountry' },
  email: { maxLength: TEXT_MAX.email, format: 'email' },
  phone: { format: 'phone' },
  addressLine: { maxLength: TEXT_MAX.addressLine },
  postalCode: { format: 'postalCode' },
  city: { maxLength: TEXT_MAX.city },
  cafNumber: { format: 'cafNumber' },
  franceTravailId: { format: 'franceTravailId' },
} as const satisfies InputRules;

const ACTION_FIELDS = {
  title,
  startsOn: { date: 'plan' },
  dueOn: { date: 'plan' },
} as const satisfies InputRules;

const APPOINTMENT_FIELDS = {
  startsAt: { required: true, date: 'appointment' },
  durationMinutes: NUMBER_RANGES.appointmentMinutes,
  withWhom: title,
  location: { maxLength: TEXT_MAX.location },
} as const satisfies InputRules;

const STRUCTURE_FIELDS = {
  name: { required: true, minLength: 2, maxLength: TEXT_MAX.structureName },
  siret: { format: 'siret' },
  addressLine: { maxLength: TEXT_MAX.addressLine },
  postalCode: { format: 'postalCode' },
  city: { maxLength: TEXT_MAX.city },
} as const satisfies InputRules;

/** The rules of each API input a form of the web client fills, by the input's class name. */
export const INPUT_RULES = {
  CreatePersonInput: PERSON_FIELDS,
  UpdatePersonInput: PERSON_FIELDS,
  UpdateProfessionalProjectInput: {
    targetJob: { maxLength: TEXT_MAX.targetJob },
    romeCode: { format: 'romeCode' },
    mobilityRadiusKm: NUMBER_RANGES.mobilityRadiusKm,
  },
  AddNoteInput: { body: { required: true, maxLength: TEXT_MAX.note, format: 'notBlank' } },
  EditNoteInput: { body: { required: true, maxLength: TEXT_MAX.note, format: 'notBlank' } },
  AddObstacleInput: { comment: { maxLength: TEXT_MAX.obstacleComment } },
  UpdateObstacleInput: { comment: { maxLength: TEXT_MAX.obstacleComment } },
  AddGoalInput: { title },
  UpdateGoalInput: { title },
  AddActionInput: ACTION_FIELDS,
  UpdateActionInput: ACTION_FIELDS,
  AddContractInput: { startsOn: { required: true, date: 'plan' }, endsOn: { date: 'plan' } },
  UpdateContractInput: { startsOn: { date: 'plan' }, endsOn: { date: 'plan' } },
  ScheduleAppointmentInput: APPOINTMENT_FIELDS,
  UpdateAppointmentInput: APPOINTMENT_FIELDS,
  RequestToJoinTeamInput: {
    reason: { required: true, minLength: 3, maxLength: TEXT_MAX.teamReason },
  },
  DecideJoinRequestInput: { reason: { maxLength: TEXT_MAX.teamReason } },
  LeaveTeamInput: { comment: { maxLength: TEXT_MAX.teamReason } },
  ProposeHandoverInput: {
    toStructureId: { required: true },
    reason: handoverReason,
    summarySituation: summary,
    summaryDone: summary,
    summaryExpected: summary,
  },
  DeclineHandoverInput: { reason: handoverReason },
  RequestOrientationInput: { reason: handoverReason },
  DecideOrientationInput: { reason: { maxLength: TEXT_MAX.handoverReason } },
  InviteeInput: {
    email: { required: true, maxLength: TEXT_MAX.email, format: 'email' },
    givenName: personName,
    familyName: personName,
  },
  ChangeMembershipRoleInput: { role: { required: true } },
  AddMembershipInput: { role: { required: true } },
  CreateStructureInput: STRUCTURE_FIELDS,
  UpdateStructureInput: STRUCTURE_FIELDS,
  CreateTerritoryInput: {
    code: { required: true, format: 'territoryCode' },
    name: { required: true, minLength: 2, maxLength: TEXT_MAX.territoryName },
  },
  AcceptHandoverInput: { newContractEndsOn: { date: 'plan' } },
  CreateApiClientInput: {
    name: { required: true, minLength: 2, maxLength: TEXT_MAX.apiClientName },
    scopes: { required: true },
  },
  SetApiClientWebhookArgs: { url: { maxLength: TEXT_MAX.webhookUrl, format: 'webhookUrl' } },
  SetMyWorkPhoneArgs: { workPhone: { maxLength: TEXT_MAX.workPhone, format: 'phone' } },
  RequestRightInput: {
    kind: { required: true },
    details: { required: true, maxLength: TEXT_MAX.rightsRequest, format: 'notBlank' },
  },
  AnswerRightsRequestInput: {
    answer: { required: true, maxLength: TEXT_MAX.rightsRequest, format: 'notBlank' },
  },
} as const satisfies Readonly<Record<string, InputRules>>;

export type InputName = keyof typeof INPUT_RULES;
