import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type ContractType, SENSITIVE_THEMES } from '../pathway.enums.js';

/** The parts of a file a handover's preview may show: never notes, never sensitive content. */
export interface HandoverPreviewRequest {
  readonly project: boolean;
  readonly plan: boolean;
  readonly contract: boolean;
  readonly obstacles: boolean;
}

export interface PreviewProject {
  readonly targetJob: string | null;
  readonly romeCode: string | null;
  readonly mobilityRadiusKm: number | null;
  readonly contractsSought: string[];
}

export interface PreviewPlan {
  readonly goals: { readonly title: string; readonly status: string }[];
  /** Actions serving a sensitive obstacle are left out, not redacted: the preview is not the file. */
  readonly actions: {
    readonly title: string;
    readonly status: string;
    readonly dueOn: string | null;
  }[];
}

export interface PreviewContract {
  readonly type: string;
  readonly startsOn: string;
  readonly endsOn: string | null;
}

export interface PreviewObstacle {
  readonly theme: string;
  readonly status: string;
  readonly comment: string | null;
}

/** What a handover's preview shows: null for a part the proposer did not choose. */
export interface HandoverPreviewRows {
  readonly project: PreviewProject | null;
  readonly plan: PreviewPlan | null;
  readonly contracts: PreviewContract[] | null;
  readonly obstacles: PreviewObstacle[] | null;
}

/**
 * The `person`, `goal`, `plan_action`, `contract` and `obstacle` rows a handover reads for its
 * preview, and the contracts its acceptance closes and opens (issue 19). The handovers lib calls
 * it, inside its own transaction for the acceptance.
 */
@Injectable()
export class HandoverContextRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The chosen parts of the file, in one statement; sensitive themes are never read. */
  async preview(
    personId: string,
    parts: HandoverPreviewRequest,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<HandoverPreviewRows> {
    const rows = await manager.query<
      {
        project: PreviewProject | null;
        plan: PreviewPlan | null;
        contracts: PreviewContract[] | null;
        obstacles: PreviewObstacle[] | null;
      }[]
    >(
      `SELECT
        CASE WHEN $2 THEN (SELECT json_build_object('targetJob', p.target_job,
            'romeCode', p.rome_code, 'mobilityRadiusKm', p.mobility_radius_km,
            'contractsSought', p.contracts_sought) FROM person p WHERE p.id = $1) END AS project,
        CASE WHEN $3 THEN json_build_object(
          'goals', (SELECT COALESCE(json_agg(json_build_object('title', g.title, 'status', g.status)
                      ORDER BY g.created_at, g.id), '[]') FROM goal g WHERE g.person_id = $1),
          'actions', (SELECT COALESCE(json_agg(json_build_object('title', a.title,
                        'status', a.status, 'dueOn', a.due_on)
                        ORDER BY a.due_on NULLS LAST, a.created_at, a.id), '[]')
                      FROM plan_action a LEFT JOIN obstacle o ON o.id = a.obstacle_id
                      WHERE a.person_id = $1
                        AND (o.theme IS NULL OR NOT (o.theme::text = ANY($6::text[]))))) END AS plan,
        CASE WHEN $4 THEN (SELECT COALESCE(json_agg(json_build_object('type', c.type,
            'startsOn', c.starts_on, 'endsOn', c.ends_on) ORDER BY c.starts_on DESC, c.id), '[]')
            FROM contract c WHERE c.person_id = $1) END AS contracts,
        CASE WHEN $5 THEN (SELECT COALESCE(json_agg(json_build_object('theme', o.theme,
            'status', o.status, 'comment', o.comment) ORDER BY o.theme), '[]')
            FROM obstacle o WHERE o.person_id = $1
              AND NOT (o.theme::text = ANY($6::text[]))) END AS obstacles`,
      [personId, parts.project, parts.plan, parts.contract, parts.obstacles, SENSITIVE_THEMES],
    );
    const row = rows[0];
    return {
      project: row?.project ?? null,
      plan: row?.plan ?? null,
      contracts: row?.contracts ?? null,
      obstacles: row?.obstacles ?? null,
    };
  }

  /**
   * Ends the person's contracts still running (no end date, or one after today) today, or on
   * their start if it is later. Returns the types it closed.
   */
  async closeRunningContracts(
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ContractType[]> {
    const [rows] = await manager.query<[{ type: ContractType }[], number]>(
      `UPDATE contract SET ends_on = GREATEST(starts_on, current_date),
              version = version + 1, updated_at = now()
        WHERE person_id = $1 AND (ends_on IS NULL OR ends_on > current_date)
        RETURNING type`,
      [personId],
    );
    return rows.map((row) => row.type);
  }

  /** Opens a contract starting today, made with the new referent's membership. */
  async openContract(
    contract: {
      readonly personId: string;
      readonly type: ContractType;
      readonly endsOn: string | null;
      readonly membershipId: string;
    },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; startsOn: string }> {
    const rows = await manager.query<{ id: string; starts_on: string }[]>(
      `INSERT INTO contract (person_id, type, starts_on, ends_on, created_by_membership_id)
       VALUES ($1, $2, current_date, $3, $4) RETURNING id, starts_on::text`,
      [contract.personId, contract.type, contract.endsOn, contract.membershipId],
    );
    return { id: rows[0].id, startsOn: rows[0].starts_on };
  }

  /** Today, as the database sees it (YYYY-MM-DD): the new contract's start. */
  async today(manager: EntityManager = this.dataSource.manager): Promise<string> {
    const rows = await manager.query<{ today: string }[]>(`SELECT current_date::text AS today`);
    return rows[0].today;
  }

  /** The person's orientation, changed or confirmed on accepting a handover. */
  async orient(
    personId: string,
    orientation: { readonly type: string; readonly structureId: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE person SET orientation_type = $2, orientation_structure_id = $3,
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [personId, orientation.type, orientation.structureId],
    );
  }
}
