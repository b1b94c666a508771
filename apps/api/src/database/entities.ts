import { accessEntities } from '@relais/access';
import { databaseEntities, type EntityList } from '@relais/database';
import { eventEntities } from '@relais/events';
import { handoverEntities } from '@relais/handovers';
import { importEntities } from '@relais/imports';
import { notificationEntities } from '@relais/notifications';
import { identityEntities } from '@relais/identity';
import { organizationEntities } from '@relais/organizations';
import { pathwayEntities } from '@relais/pathways';
import { personSpaceEntities } from '@relais/person-space';

/**
 * Every TypeORM entity of Relais. The API, the migration tooling and the migration-drift test
 * all read this one list, so an entity cannot be known to one and missed by another.
 */
export const entities: EntityList = [
  ...organizationEntities,
  ...identityEntities,
  ...accessEntities,
  ...pathwayEntities,
  ...eventEntities,
  ...handoverEntities,
  ...notificationEntities,
  ...importEntities,
  ...personSpaceEntities,
  ...databaseEntities,
];
