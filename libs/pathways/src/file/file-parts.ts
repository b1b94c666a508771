import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { entityColumnList, entityFromJson, preparedQuery } from '@relais/database';
import type { FileScope } from './file-access.service.js';

/** A row of a part as PostgreSQL's JSON gives it: timestamps are ISO text. */
export type JsonRow = Readonly<Record<string, unknown>>;

/**
 * One part of a file (its team, obstacles, plan, timeline page, ...) as a SELECT: the parts a
 * query asks for are read together, in one statement.
 */
export interface FilePart<T> {
  /** The part and its arguments: the same key in one file is read once. */
  readonly key: string;
  /** A SELECT giving the part's rows, numbering its own parameters from $1. */
  readonly sql: string;
  readonly params: readonly unknown[];
  /** The part's order, on the SELECT's output columns as `r.column`. */
  readonly order: string;
  /** From the rows to what the part is. */
  readonly decode: (rows: readonly JsonRow[]) => T;
}

type AnyPart = FilePart<unknown>;

/** `$n` of a part's SQL, shifted past the parameters of the parts before it. */
function shiftParameters(sql: string, offset: number): string {
  return offset === 0 ? sql : sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}

/**
 * Reads the parts of a file that one GraphQL operation asks for in ONE SQL statement
 * (STYLE.md rule 9): the part resolvers of a `Person` run in the same tick, DataLoader gathers
 * their parts, and each part becomes a `json_agg` column of a single SELECT. A part asked
 * alone costs the same single statement.
 */
@Injectable()
export class FilePartsReader {
  private readonly loaders = new WeakMap<FileScope, DataLoader<AnyPart, unknown, string>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The part, read with the other parts of the same file asked in the same tick. */
  read<T>(scope: FileScope, part: FilePart<T>): Promise<T> {
    let loader = this.loaders.get(scope);
    if (!loader) {
      loader = new DataLoader<AnyPart, unknown, string>((parts) => this.readAll(parts), {
        cacheKeyFn: (part) => part.key,
      });
      this.loaders.set(scope, loader);
    }
    return loader.load(part) as Promise<T>;
  }

  /**
   * A part that is the file's rows of one entity (`person_id` = the file), each shown through
   * `view`; `filter` and `params` narrow it, numbering their parameters from $2.
   */
  readEntities<Entity extends ObjectLiteral, View>(
    scope: FileScope,
    target: EntityTarget<Entity>,
    part: {
      readonly key: string;
      readonly order: string;
      readonly filter?: string;
      readonly params?: readonly unknown[];
      readonly view: (entity: Entity) => View;
    },
  ): Promise<View[]> {
    const table = this.dataSource.getMetadata(target).tableName;
    const columns = entityColumnList(this.dataSource, target, 'e');
    return this.read(scope, {
      key: part.key,
      sql: `SELECT ${columns} FROM "${table}" e WHERE e.person_id = $1${part.filter ? ` AND ${part.filter}` : ''}`,
      params: [scope.viewer.personId, ...(part.params ?? [])],
      order: part.order,
      decode: (rows) => rows.map((row) => part.view(entityFromJson(this.dataSource, target, row))),
    });
  }

  private async readAll(parts: readonly AnyPart[]): Promise<unknown[]> {
    const params: unknown[] = [];
    const columns = parts.map((part, index) => {
      const sql = shiftParameters(part.sql, params.length);
      params.push(...part.params);
      return `(SELECT COALESCE(json_agg(r ORDER BY ${part.order}), '[]') FROM (${sql}) r) AS part_${index}`;
    });
    const rows = await preparedQuery<Record<string, JsonRow[]>>(
      this.dataSource,
      `SELECT ${columns.join(',\n')}`,
      params,
    );
    const row = rows[0] ?? {};
    return parts.map((part, index) => part.decode(row[`part_${index}`] ?? []));
  }
}
