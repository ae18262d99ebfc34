import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { DomainError, ErrorCode } from './errors.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.ts';
import { prepared, type EntityManager } from './orm.ts';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

@ObjectType({ description: 'Where a page of a Relay connection sits in the whole list.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, at most ${MAX_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'An opaque cursor from a previous page.' })
  after?: string | null;
}

/** A validated page request: `keys` are the sort-key values of the last row already seen. */
export interface Page {
  first: number;
  after: unknown[] | null;
}

export function readPage(args: PageArgs): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `first must be between 0 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return { first, after: args.after ? decodeCursor(args.after) : null };
}

export function encodeCursor(keys: unknown[]): string {
  return Buffer.from(JSON.stringify(keys), 'utf8').toString('base64url');
}

const invalidCursor = () => new DomainError(ErrorCode.INVALID_CURSOR, 'after is not a cursor this list produced', 'after');

/**
 * A sort key as this module writes it: a string of printable text (a name, an id, a date) or a
 * safe integer (a rank, a day number). Anything else is refused before it reaches SQL.
 */
const isCursorKey = (key: unknown): boolean =>
  (typeof key === 'string' && key.length <= 1000 && !/[\u0000-\u001F\u007F-\u009F]|[\uD800-\uDFFF]/u.test(key)) ||
  (typeof key === 'number' && Number.isSafeInteger(key));

export function decodeCursor(cursor: string): unknown[] {
  let keys: unknown;
  try {
    keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > 8 || !keys.every(isCursorKey)) throw invalidCursor();
  return keys;
}

/** Keys bound as text: PostgreSQL casts each to its column's type (a number never meets a uuid as a number). */
const afterParams = (page: Page): string[] => (page.after ?? []).map(String);

/**
 * A key of the right shape can still be of the wrong type for its column (a name where a uuid or a
 * date belongs): PostgreSQL refuses to cast it (SQLSTATE class 22, data exception), and the page
 * statement answers INVALID_CURSOR instead of a server error. Only the statement that compares
 * with the cursor is read this way.
 */
async function withCursor<T>(page: Page, statement: Promise<T>): Promise<T> {
  try {
    return await statement;
  } catch (error) {
    const sqlState = (error as { code?: unknown }).code;
    if (page.after && typeof sqlState === 'string' && sqlState.startsWith('22')) throw invalidCursor();
    throw error;
  }
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number | Promise<number>;
}

/**
 * Builds a connection from rows fetched with `limit first + 1` (the extra row only tells that
 * another page exists). `keysOf` gives a row's sort-key values, which become its cursor.
 */
export function toConnection<R, T>(
  rows: R[],
  page: Page,
  keysOf: (row: R) => unknown[],
  nodeOf: (row: R) => T,
  totalCount: number | (() => Promise<number>),
): Connection<T> {
  const visible = rows.slice(0, page.first);
  // A cursor is written when read: a page is mostly read for its nodes and its endCursor.
  const edges = visible.map((row): Edge<T> => {
    let cursor: string | undefined;
    return {
      node: nodeOf(row),
      get cursor() {
        return (cursor ??= encodeCursor(keysOf(row)));
      },
    };
  });
  const connection = {
    edges,
    pageInfo: { hasNextPage: rows.length > page.first, endCursor: edges.at(-1)?.cursor ?? null },
  } as Connection<T>;
  if (typeof totalCount === 'number') return { ...connection, totalCount };
  // Counted only when the client asks for it: a count is a statement of its own.
  let counted: Promise<number> | undefined;
  return Object.defineProperty(connection, 'totalCount', { enumerable: true, get: () => (counted ??= totalCount()) });
}

/** Declares `<name>Connection` and `<name>Edge` object types for a node type. */
export function connectionOf<T extends object>(node: ClassType<T>, name: string, description: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds, across every page.' })
    totalCount!: number;
  }
  return ConnectionType;
}

export interface ChildPageKey {
  parentId: string;
  page: Page;
  /** A further condition on the children (e.g. a level), with its parameters. */
  filter?: { where: string; params: unknown[] };
}

export interface ChildListSpec {
  /** Schema-qualified table, e.g. `emulation.cluster_member`. */
  table: string;
  /** The parent's key, a uuid. */
  parentColumn: string;
  /** Columns of the stable order, the last one unique (usually `id`); they form the cursor. */
  orderColumns: string[];
  /** Select list, with aliases to the row's property names. */
  select: string;
}

/**
 * One page of children for each of many parents in one SQL statement: a lateral subquery per
 * parent reads just `first + 1` rows from the cursor on, so with an index on (parent, order
 * columns) page 500 costs what page 1 costs. The totals are counted only when a client asks,
 * for all parents of the batch in one GROUP BY.
 */
export async function loadChildPages<Row extends object>(
  em: EntityManager,
  spec: ChildListSpec,
  keys: readonly ChildPageKey[],
): Promise<Connection<Row>[]> {
  // Prepared: a page of children is among the hottest reads (a filter's lists are bound as arrays).
  const run = (query: string, params: unknown[]) => prepared(em, query, params);
  const orderAliases = spec.orderColumns.map((_, index) => `__o${index}`);
  const groups = Map.groupBy(keys, (key) => JSON.stringify([key.page, key.filter ?? null]));
  const results = new Map<ChildPageKey, Connection<Row>>();
  for (const group of groups.values()) {
    const { page, filter } = group[0];
    if (page.after && page.after.length !== spec.orderColumns.length) {
      throw invalidCursor();
    }
    const parentIds = [...new Set(group.map((key) => key.parentId))];
    const conditions = [`${spec.parentColumn} = __parent.id`];
    if (filter) conditions.push(`(${filter.where})`);
    if (page.after) conditions.push(`(${spec.orderColumns.join(', ')}) > (${page.after.map(() => '?').join(', ')})`);
    const rows = await withCursor(page, run(
      `select __parent.id as __parent, t.*
         from unnest(?::uuid[]) with ordinality as __parent (id, ord)
        cross join lateral (
          select ${spec.select}, ${spec.orderColumns.map((column, index) => `${column} as __o${index}`).join(', ')}
            from ${spec.table}
           where ${conditions.join(' and ')}
           order by ${spec.orderColumns.join(', ')}
           limit ?
        ) t
        order by __parent.ord, ${orderAliases.join(', ')}`,
      [parentIds, ...(filter?.params ?? []), ...afterParams(page), page.first + 1],
    ));
    const byParent = Map.groupBy(rows, (row) => String(row.__parent));
    const counts = totalsOf(run, spec, filter, parentIds);
    for (const key of group) {
      results.set(
        key,
        toConnection(
          byParent.get(key.parentId) ?? [],
          page,
          (row) => orderAliases.map((alias) => row[alias]),
          (row) => {
            const node: Record<string, unknown> = {};
            for (const [column, value] of Object.entries(row)) if (!column.startsWith('__')) node[column] = value;
            return node as Row;
          },
          async () => (await counts()).get(key.parentId) ?? 0,
        ),
      );
    }
  }
  return keys.map((key) => results.get(key)!);
}

/** The children of every parent of a batch, counted in one statement the first time one total is asked for. */
function totalsOf(
  run: (query: string, params: unknown[]) => Promise<Record<string, unknown>[]>,
  spec: ChildListSpec,
  filter: ChildPageKey['filter'],
  parentIds: string[],
): () => Promise<Map<string, number>> {
  let counted: Promise<Map<string, number>> | undefined;
  return () =>
    (counted ??= run(
      `select ${spec.parentColumn} as parent, count(*)::int as n from ${spec.table}
        where ${spec.parentColumn} = any(?::uuid[]) ${filter ? `and (${filter.where})` : ''}
        group by 1`,
      [parentIds, ...(filter?.params ?? [])],
    ).then((rows) => new Map(rows.map((row) => [String(row.parent), Number(row.n)]))));
}

export interface ListSpec {
  /** Schema-qualified table or join. */
  from: string;
  /** A condition on the rows of the whole list, `true` for all of them. */
  where: string;
  params: unknown[];
  orderColumns: string[];
  select: string;
}

/** One keyset page of a filtered list; the total is counted only if the client asks. */
export async function loadPage<Row extends object>(
  run: (query: string, params: unknown[]) => Promise<Record<string, unknown>[]>,
  spec: ListSpec,
  page: Page,
): Promise<Connection<Row>> {
  if (page.after && page.after.length !== spec.orderColumns.length) {
    throw invalidCursor();
  }
  const order = spec.orderColumns.join(', ');
  const rows = await withCursor(page, run(
    `select ${spec.select}, json_build_array(${order}) as __keys
       from ${spec.from}
      where (${spec.where}) ${page.after ? `and (${order}) > (${page.after.map(() => '?').join(', ')})` : ''}
      order by ${order}
      limit ?`,
    [...spec.params, ...afterParams(page), page.first + 1],
  ));
  return toConnection(
    rows,
    page,
    (row) => row.__keys as unknown[],
    ({ __keys: _keys, ...node }) => node as Row,
    async () => Number((await run(`select count(*)::int as n from ${spec.from} where ${spec.where}`, spec.params))[0].n),
  );
}
