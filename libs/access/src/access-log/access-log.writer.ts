import type { EntityManager } from 'typeorm';
import { preparedQuery } from '@relais/database';
import type { FileViewer } from '../file-access/file-viewer.js';

/**
 * Appends one read of a full file to the access log. The database numbers and chains the row;
 * the statement is the whole cost of logging a read.
 */
export async function recordFileRead(manager: EntityManager, viewer: FileViewer): Promise<void> {
  await preparedQuery(
    manager,
    `INSERT INTO access_log (territory_id, person_id, account_id, membership_id, client_id, ground)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      viewer.territoryId,
      viewer.personId,
      viewer.accountId,
      viewer.membershipId,
      viewer.clientId,
      viewer.ground,
    ],
  );
}
