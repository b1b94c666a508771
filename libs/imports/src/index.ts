export { ImportsModule } from './imports.module.js';
export { ImportService, IMPORT_KINDS, MAX_REPORTED_PROBLEMS } from './import.service.js';
export type { ImportProgress, ImportReport, ImportRequest } from './import.service.js';
export type { ImportCounts, ImportProblem } from './import-kind.js';
export { ImportKind, ImportRunEntity, ImportSource } from './import-run.entity.js';
export { ImportRunRepository } from './import-run.repository.js';
export type { TextEncodingName } from './csv/decode.js';
export type { ColumnSpec } from './csv/csv-rows.js';

import { ImportRunEntity } from './import-run.entity.js';

/** The entities this lib owns, for the app's entity list. */
export const importEntities = [ImportRunEntity];
