/**
 * The codes every domain raises. The GraphQL layer maps each one to an `extensions.code` with an
 * exhaustive switch, so adding a code here forces the mapping to be decided.
 */
export enum DomainErrorCode {
  InvalidInput = 'INVALID_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  Unavailable = 'UNAVAILABLE',
}

/**
 * Why, precisely, an operation was refused: a stable name a client switches on (sent as
 * `extensions.reason`), where the code only says what kind of refusal it is and the message is
 * English prose for developers that may be reworded. One situation, one reason, whichever lib
 * meets it. README's "Errors" section lists them for clients.
 */
export enum DomainErrorReason {
  // The input, checked field by field (`extensions.fields` lists every failing one).
  ValidationFailed = 'VALIDATION_FAILED',
  NulCharacter = 'NUL_CHARACTER',
  InvalidCursor = 'INVALID_CURSOR',
  InvalidFormat = 'INVALID_FORMAT',
  NotOneOf = 'NOT_ONE_OF',
  FieldRequired = 'FIELD_REQUIRED',
  FieldsExclusive = 'FIELDS_EXCLUSIVE',
  BlankText = 'BLANK_TEXT',
  TextLength = 'TEXT_LENGTH',
  DatesOutOfOrder = 'DATES_OUT_OF_ORDER',
  // Signing in and tokens.
  NotSignedIn = 'NOT_SIGNED_IN',
  SessionEnded = 'SESSION_ENDED',
  TokenExpired = 'TOKEN_EXPIRED',
  TokenInvalid = 'TOKEN_INVALID',
  AccountRequired = 'ACCOUNT_REQUIRED',
  AccountNotFound = 'ACCOUNT_NOT_FOUND',
  AccountDisabled = 'ACCOUNT_DISABLED',
  AccountLinkedElsewhere = 'ACCOUNT_LINKED_ELSEWHERE',
  MfaRequired = 'MFA_REQUIRED',
  SignInMethodOff = 'SIGN_IN_METHOD_OFF',
  SignInNotStarted = 'SIGN_IN_NOT_STARTED',
  SignInStateMismatch = 'SIGN_IN_STATE_MISMATCH',
  SignInCodeMissing = 'SIGN_IN_CODE_MISSING',
  SignInCodeRejected = 'SIGN_IN_CODE_REJECTED',
  SignInFailed = 'SIGN_IN_FAILED',
  SignInEmailMissing = 'SIGN_IN_EMAIL_MISSING',
  SignInEmailUnverified = 'SIGN_IN_EMAIL_UNVERIFIED',
  SignInProviderUnavailable = 'SIGN_IN_PROVIDER_UNAVAILABLE',
  // The person's own sign-in to their personal space (issue 22).
  PersonLinkInvalid = 'PERSON_LINK_INVALID',
  PersonLinkExpired = 'PERSON_LINK_EXPIRED',
  PersonLinkUsed = 'PERSON_LINK_USED',
  PersonCodeWrong = 'PERSON_CODE_WRONG',
  PersonCodeExpired = 'PERSON_CODE_EXPIRED',
  // Access.
  OperationClosed = 'OPERATION_CLOSED',
  NotAllowed = 'NOT_ALLOWED',
  NotInTeam = 'NOT_IN_TEAM',
  ReferentOnly = 'REFERENT_ONLY',
  ReferentOrManagerOnly = 'REFERENT_OR_MANAGER_ONLY',
  PartnerOnly = 'PARTNER_ONLY',
  ScopeMissing = 'SCOPE_MISSING',
  PersonOnly = 'PERSON_ONLY',
  PersonSpaceNotEnabled = 'PERSON_SPACE_NOT_ENABLED',
  PersonSpaceEmailTaken = 'PERSON_SPACE_EMAIL_TAKEN',
  RightsRequestPending = 'RIGHTS_REQUEST_PENDING',
  RightsRequestAlreadyAnswered = 'RIGHTS_REQUEST_ALREADY_ANSWERED',
  // The state of a file.
  FileArchived = 'FILE_ARCHIVED',
  ProcessingRestricted = 'PROCESSING_RESTRICTED',
  FileReadOnly = 'FILE_READ_ONLY',
  StaleVersion = 'STALE_VERSION',
  PossibleDuplicatePerson = 'POSSIBLE_DUPLICATE_PERSON',
  PersonAgreementRequired = 'PERSON_AGREEMENT_REQUIRED',
  StructureOutsideTerritory = 'STRUCTURE_OUTSIDE_TERRITORY',
  NotInStructure = 'NOT_IN_STRUCTURE',
  NotOfPerson = 'NOT_OF_PERSON',
  ThemeAlreadyInDiagnostic = 'THEME_ALREADY_IN_DIAGNOSTIC',
  NotNoteAuthor = 'NOT_NOTE_AUTHOR',
  NoteEditWindowPassed = 'NOTE_EDIT_WINDOW_PASSED',
  AppointmentPast = 'APPOINTMENT_PAST',
  AppointmentCancelled = 'APPOINTMENT_CANCELLED',
  // Teams, handovers, orientation.
  AlreadyInTeam = 'ALREADY_IN_TEAM',
  JoinAlreadyRequested = 'JOIN_ALREADY_REQUESTED',
  JoinRequestAlreadyAnswered = 'JOIN_REQUEST_ALREADY_ANSWERED',
  RequesterLeftStructure = 'REQUESTER_LEFT_STRUCTURE',
  ReferentCannotLeave = 'REFERENT_CANNOT_LEAVE',
  PersonNotInformed = 'PERSON_NOT_INFORMED',
  SameStructure = 'SAME_STRUCTURE',
  HandoverAlreadyOpen = 'HANDOVER_ALREADY_OPEN',
  HandoverAlreadyAnswered = 'HANDOVER_ALREADY_ANSWERED',
  OrientationAlreadyPending = 'ORIENTATION_ALREADY_PENDING',
  OrientationAlreadyDecided = 'ORIENTATION_ALREADY_DECIDED',
  // Administration, partners, imports.
  TerritoryExists = 'TERRITORY_EXISTS',
  StructureNameTaken = 'STRUCTURE_NAME_TAKEN',
  RoleAlreadyHeld = 'ROLE_ALREADY_HELD',
  SameRole = 'SAME_ROLE',
  RoleNotForPlace = 'ROLE_NOT_FOR_PLACE',
  InvitationAccepted = 'INVITATION_ACCEPTED',
  InvitationRevoked = 'INVITATION_REVOKED',
  ClientRevoked = 'CLIENT_REVOKED',
  WebhookNotSet = 'WEBHOOK_NOT_SET',
  WebhookUrlRefused = 'WEBHOOK_URL_REFUSED',
  UnknownTerritory = 'UNKNOWN_TERRITORY',
  ImportRunning = 'IMPORT_RUNNING',
  ImportCollided = 'IMPORT_COLLIDED',
  UploadMissing = 'UPLOAD_MISSING',
  UploadTooLarge = 'UPLOAD_TOO_LARGE',
  UploadNotCsv = 'UPLOAD_NOT_CSV',
  ExportTooLarge = 'EXPORT_TOO_LARGE',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  IdempotencyKeyInProgress = 'IDEMPOTENCY_KEY_IN_PROGRESS',
  // Development tools (the caught emails' page), absent outside development.
  DevelopmentOnly = 'DEVELOPMENT_ONLY',
}

/** The rule a field broke, as `extensions.fields[].rule` names it. */
export type FieldRule =
  | 'REQUIRED'
  | 'UNKNOWN_FIELD'
  | 'MIN_LENGTH'
  | 'MAX_LENGTH'
  | 'LENGTH'
  | 'MIN'
  | 'MAX'
  | 'MIN_ITEMS'
  | 'MAX_ITEMS'
  | 'ONE_OF'
  | 'TYPE'
  | 'FORMAT'
  | 'NOT_BLANK'
  | 'NUL_CHARACTER'
  | 'INVALID';

/** One failing field: its path as the client sent it (`input.body`), the rule and its limit. */
export interface FieldProblem {
  readonly field: string;
  readonly rule: FieldRule;
  readonly limit?: number;
}

export interface DomainErrorOptions {
  /** The input field at fault, as the client named it (`input.email`). */
  readonly field?: string;
  /** Every failing input field, for validation errors (the first one is also `field`). */
  readonly fields?: readonly FieldProblem[];
  /** Safe, non-personal details a client may act on. */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
}

/** An error a client is meant to see: its message is written for them and has no personal data. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  readonly field: string | undefined;
  readonly fields: readonly FieldProblem[] | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    readonly code: DomainErrorCode,
    readonly reason: DomainErrorReason,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.field = options.field;
    this.fields = options.fields;
    this.details = options.details;
  }
}
