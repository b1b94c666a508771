import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

type ColumnMetadata = ReturnType<DataSource['getMetadata']>['columns'][number];

interface EntityRowShape {
  readonly select: string;
  readonly plain: string;
  readonly columns: readonly ColumnMetadata[];
  readonly create: () => ObjectLiteral;
}

const shapes = new WeakMap<DataSource, Map<string, EntityRowShape>>();

function shapeOf(dataSource: DataSource, target: EntityTarget<ObjectLiteral>, alias: string) {
  let byTarget = shapes.get(dataSource);
  if (!byTarget) {
    byTarget = new Map();
    shapes.set(dataSource, byTarget);
  }
  const metadata = dataSource.getMetadata(target);
  const key = `${metadata.name}:${alias}`;
  let shape = byTarget.get(key);
  if (!shape) {
    const columns = metadata.columns.filter((column) => !column.isVirtual);
    shape = {
      select: columns
        .map((column) => `${alias}.${column.databaseName} AS "${alias}__${column.databaseName}"`)
        .join(', '),
      plain: columns.map((column) => `${alias}.${column.databaseName}`).join(', '),
      columns,
      create: () => metadata.create() as ObjectLiteral,
    };
    byTarget.set(key, shape);
  }
  return shape;
}

/**
 * A hand-written statement that also reads a whole entity: the select list of its columns
 * (`alias.column AS "alias__column"`), computed once from TypeORM's metadata. With
 * {@link entityFromRow}, one statement can return an entity and facts beside it, where a
 * repository call would cost a statement of its own.
 */
export function entityColumns(
  dataSource: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
): string {
  return shapeOf(dataSource, target, alias).select;
}

/**
 * The columns of an entity by name (`alias.column, ...`): what `alias.*` says, spelled out, as
 * a prepared statement needs it; with {@link entityFromJson}.
 */
export function entityColumnList(
  dataSource: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
): string {
  return shapeOf(dataSource, target, alias).plain;
}

/** The entity of a row read with {@link entityColumns}, hydrated as TypeORM hydrates it. */
export function entityFromRow<Entity extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<Entity>,
  alias: string,
  row: Readonly<Record<string, unknown>>,
): Entity {
  const shape = shapeOf(dataSource, target, alias);
  const entity = shape.create();
  for (const column of shape.columns) {
    column.setEntityValue(
      entity,
      dataSource.driver.prepareHydratedValue(row[`${alias}__${column.databaseName}`], column),
    );
  }
  return entity as Entity;
}

/**
 * The entity of a row that came back as JSON (`json_agg` of a `SELECT alias.*`): keys are column
 * names, timestamps ISO text, arrays already arrays. Hydrated as TypeORM hydrates a row, so
 * timestamps become Dates.
 */
export function entityFromJson<Entity extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<Entity>,
  row: Readonly<Record<string, unknown>>,
): Entity {
  const shape = shapeOf(dataSource, target, 'json');
  const entity = shape.create();
  for (const column of shape.columns) {
    const value = row[column.databaseName];
    column.setEntityValue(
      entity,
      Array.isArray(value) ? value : dataSource.driver.prepareHydratedValue(value, column),
    );
  }
  return entity as Entity;
}
