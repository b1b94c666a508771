import type { EntityList } from '@relais/database';

/**
 * Every TypeORM entity of Relais. The API, the migration tooling and the migration-drift test
 * all read this one list, so an entity cannot be known to one and missed by another.
 */
export const entities: EntityList = [];
