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

/** A part's rows as one statement read them, with the SQL and parameters they were read with. */
interface ReadPart {
  readonly sql: string;
  readonly params: string;
  readonly rows: readonly JsonRow[];
}

/** A one-row SELECT (or none) that the parts are read beside. */
export interface FileHead {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** The head's row and what to do with the parts read beside it. */
export interface FileHeadRead<Row> {
  readonly row: Row | undefined;
  /** Lets `scope` use the parts read beside the head, when it asks for them with the same SQL. */
  readonly adopt: (scope: FileScope) => void;
}

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
  private readonly recordings = new WeakMap<FileScope, AnyPart[]>();
  private readonly prefetched = new WeakMap<FileScope, Map<string, ReadPart>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The part, read with the other parts of the same file asked in the same tick. */
  read<T>(scope: FileScope, part: FilePart<T>): Promise<T> {
    const recording = this.recordings.get(scope);
    if (recording) {
      recording.push(part);
      // Never settles: nobody uses what a recorded ask gives (a fresh one, so nothing piles up).
      return new Promise<never>(() => undefined);
    }
    const ready = this.prefetched.get(scope)?.get(part.key);
    // Only rows read with the very same SQL and parameters stand for the part.
    if (ready && ready.sql === part.sql && ready.params === JSON.stringify(part.params)) {
      return Promise.resolve(part.decode(ready.rows));
    }
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

  /**
   * Reads `head` and, beside it in the same one statement, the parts that `ask` reads for
   * `scope` (recorded, not read, while it runs). The head decides the scope the parts are then
   * decoded for (`adopt`): a file's facts and person with its parts, before the access decision,
   * so that opening a file costs one statement. The parts' rows go nowhere unless adopted.
   */
  async readWith<Row extends object>(
    scope: FileScope,
    head: FileHead,
    ask: () => void,
  ): Promise<FileHeadRead<Row>> {
    const recorded: AnyPart[] = [];
    this.recordings.set(scope, recorded);
    try {
      ask();
    } finally {
      this.recordings.delete(scope);
    }
    const parts = [...new Map(recorded.map((part) => [part.key, part])).values()];
    const params: unknown[] = [...head.params];
    const columns = this.partColumns(parts, params);
    const rows = await preparedQuery<Row & Record<string, JsonRow[]>>(
      this.dataSource,
      parts.length === 0 ? head.sql : `SELECT h.*, ${columns.join(',\n')} FROM (${head.sql}) h`,
      params,
    );
    const row = rows[0];
    const read = new Map<string, ReadPart>();
    if (row) {
      parts.forEach((part, index) => {
        const name = `part_${index}`;
        read.set(part.key, {
          sql: part.sql,
          params: JSON.stringify(part.params),
          rows: row[name] ?? [],
        });
        delete (row as Record<string, unknown>)[name];
      });
    }
    return { row, adopt: (adopting) => void this.prefetched.set(adopting, read) };
  }

  /** Each part as a `json_agg` column, its parameters appended to `params`. */
  private partColumns(parts: readonly AnyPart[], params: unknown[]): string[] {
    return parts.map((part, index) => {
      const sql = shiftParameters(part.sql, params.length);
      params.push(...part.params);
      return `(SELECT COALESCE(json_agg(r ORDER BY ${part.order}), '[]') FROM (${sql}) r) AS part_${index}`;
    });
  }

  private async readAll(parts: readonly AnyPart[]): Promise<unknown[]> {
    const params: unknown[] = [];
    const columns = this.partColumns(parts, params);
    const rows = await preparedQuery<Record<string, JsonRow[]>>(
      this.dataSource,
      `SELECT ${columns.join(',\n')}`,
      params,
    );
    const row = rows[0] ?? {};
    return parts.map((part, index) => part.decode(row[`part_${index}`] ?? []));
  }
}
