import { Field, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import type { Page } from '@relais/core';

@ObjectType({ description: 'Where a page of a list stands (Relay).' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass it as `after` for the next page.' })
  endCursor!: string | null;
}

export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
}

/** A Relay connection type for a node type: `edges { node cursor }`, `pageInfo`. */
export function connectionOf<T>(node: Type<T>, name: string): Type<Connection<T>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => node)
    node!: T;

    @Field()
    cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** A page from a service as a connection; each edge's cursor is the page's position after it. */
export function toConnection<T, N>(
  page: Page<T>,
  map: (row: T) => N,
  cursorOf: (row: T) => string,
): Connection<N> {
  return {
    edges: page.nodes.map((row) => ({ node: map(row), cursor: cursorOf(row) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
  };
}
