export {
  API_ENVIRONMENT_VARIABLES,
  ConfigError,
  DEFAULT_MAIL_FROM,
  loadAppConfig,
} from './config/app-config.js';
export type { AppConfig, LogLevel } from './config/app-config.js';
export { APP_CONFIG, AppConfigModule } from './config/config.module.js';
export { missingLegalVariables } from './config/legal-config.js';
export type { LegalNotice } from './config/legal-config.js';
export {
  AuditChainKeyError,
  DEVELOPMENT_AUDIT_CHAIN_KEY,
  auditChainHash,
  auditChainKeyFrom,
  auditChainKeyId,
} from './config/audit-chain-key.js';
export type { AuditChainKey } from './config/audit-chain-key.js';
export {
  drainLogs,
  httpLoggerOptions,
  LOG_DESTINATION,
  logDestination,
  LoggerModule,
  pathOnly,
  recordGraphqlOperation,
  requestIdFor,
} from './logger/logger.module.js';
export type { LogDestination } from './logger/logger.module.js';
export { DomainError, DomainErrorCode, DomainErrorReason } from './errors/domain-error.js';
export {
  DATE_WINDOWS,
  INPUT_RULES,
  NUMBER_RANGES,
  TEXT_FORMATS,
  TEXT_MAX,
  isWithinDateWindow,
  parseCalendarDate,
} from './validation/input-rules.js';
export type {
  DateKind,
  DateWindow,
  InputFieldRule,
  InputName,
  InputRules,
  TextFormat,
} from './validation/input-rules.js';
export { MetricsRegistry, MetricsRegistryModule } from './metrics/metrics-registry.js';
export type { DomainErrorOptions, FieldProblem, FieldRule } from './errors/domain-error.js';
export { commandLineOf, processIsAlive } from './process/process-is-alive.js';
export { decodeCursor, encodeCursor, MAX_PAGE_SIZE, toPage } from './pagination/cursor.js';
export type { Page } from './pagination/cursor.js';
export { JobRunner, JobsModule } from './jobs/job-runner.js';
export { JOB_LOCK } from './jobs/job.js';
export type { JobDefinition, JobLock, JobOutcome, JobSchedule, JobSummary } from './jobs/job.js';
export {
  NNBSP,
  countOf,
  elides,
  formatNumber,
  frenchText,
  ofName,
  ofStructure,
  quote,
  toStructure,
} from './text/french-typography.js';
export { ROLE_LABELS } from './text/role-labels.js';
export type { RoleName } from './text/role-labels.js';
