import { Args, ArgsType, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver, registerEnumType, type ClassType } from 'type-graphql';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import type { AuditTrailReader } from './audit.ts';
import type { RequestContext } from './context.ts';
import { LocalDate } from './dates.ts';
import { badInput, forbidden, notFound } from './errors.ts';
import { isUuid, sql } from './orm.ts';
import { decodeCursor, encodeCursor, PageInfo, readPage, type PageArgs } from './pagination.ts';
import { DomainError, ErrorCode } from './errors.ts';

/**
 * The audit trail as clients read it. Each subgraph answers for its own writes under a root field
 * of its own name (`redCrossAuditTrail`, `elderlyAuditTrail`, `emulationAuditTrail`): the same
 * name on several subgraphs would have to be @shareable, which promises the gateway that any of
 * them gives the same answer, and they do not (each knows only its own organisations). The entry
 * types are one definition, shared (@shareable) by every subgraph, so a client writes one fragment.
 */
export enum AuditAction {
  INSERT = 'INSERT',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What a write did to one row.',
  valuesConfig: {
    INSERT: { description: 'A row added: `before` is null.' },
    UPDATE: { description: 'A row changed.' },
    DELETE: { description: 'A row removed: `after` is null.' },
  },
});

@ObjectType({ description: 'One row a mutation wrote (nhật ký thay đổi): who, when, in which request, and the row before and after. A person\'s personal data reads "[redacted]".' })
@Directive('@shareable')
export class AuditEntry {
  @Field(() => ID, { description: 'The entry itself, e.g. `elderly:42`.' })
  id!: string;

  @Field(() => DateTimeResolver, { description: 'When the mutation\'s transaction ran.' })
  at!: Date;

  @Field(() => String, { description: 'The token subject of the caller who wrote.' })
  subject!: string;

  @Field(() => String, { description: 'The caller\'s role, e.g. `chapter_officer`.' })
  role!: string;

  @Field(() => String, { description: 'The request id (x-request-id) of the request that wrote: the same id its answer and its log lines carry.' })
  requestId!: string;

  @Field(() => String, { description: 'The mutation, e.g. `addClubMember`.' })
  operation!: string;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => String, { description: 'What kind of record the row is, e.g. `ClubMember`.' })
  entity!: string;

  @Field(() => ID, { description: 'The record\'s id (for a row without one of its own, its key parts joined by ":").' })
  entityId!: string;

  @Field(() => ID, { nullable: true, description: 'The organisation the record belongs to (a chapter, an association unit, a club, a cluster).' })
  organisationId!: string | null;

  @Field(() => JSONObjectResolver, { nullable: true, description: 'The row before the write, by column; null for an INSERT.' })
  before!: Record<string, unknown> | null;

  @Field(() => JSONObjectResolver, { nullable: true, description: 'The row after the write, by column; null for a DELETE.' })
  after!: Record<string, unknown> | null;
}

@ObjectType()
@Directive('@shareable')
export class AuditEntryEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => AuditEntry)
  node!: AuditEntry;
}

@ObjectType({ description: 'Audit entries, newest first.' })
@Directive('@shareable')
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge])
  edges!: AuditEntryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ArgsType()
export class AuditTrailArgs implements PageArgs {
  @Field(() => ID, { description: 'The organisation whose subtree\'s writes to list.' })
  organisationId!: string;

  @Field(() => LocalDate, { nullable: true, description: 'From this day (Vietnam time), inclusive.' })
  from?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Up to this day (Vietnam time), inclusive.' })
  to?: string | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

interface EntryRow {
  known: boolean;
  covered: boolean;
  id: string | null;
  at: string;
  micros: string;
  subject: string;
  role: string;
  request_id: string;
  operation: string;
  action: AuditAction;
  entity: string;
  entity_id: string;
  organisation_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * One page of the trail in ONE statement: the organisation's chain (is it known? does the caller's
 * scope cover it?) and the page, joined, so that the access check and the read cannot disagree.
 */
export async function loadAuditTrail(ctx: RequestContext<unknown>, spec: AuditTrailReader, args: AuditTrailArgs): Promise<AuditEntryConnection> {
  const { caller } = ctx;
  const national = caller.role === 'national_admin';
  if (!national && !(caller.role && spec.readerRoles.includes(caller.role))) {
    throw forbidden('organisationId', 'the audit trail is for the officers of the organisation and national administrators');
  }
  if (!isUuid(args.organisationId)) throw notFound('organisationId', 'no organisation has this id');
  if (args.from && args.to && args.from > args.to) throw badInput('to', 'to must not be before from');
  const page = readPage(args);
  let after: [string, string] | null = null;
  if (page.after) {
    const keys = decodeCursor(args.after!);
    if (keys.length !== 2 || !keys.every((key) => typeof key === 'number' && key >= 0)) throw new DomainError(ErrorCode.INVALID_CURSOR, 'after is not a cursor this list produced', 'after');
    after = [String(keys[0]), String(keys[1])];
  }
  const s = spec.schema;
  const day = (param: string) => `(${param}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`;
  const rows = await sql<EntryRow>(
    ctx.em,
    `with target as (select ${s}.audit_organisation_chain(?) as chain)
     select cardinality(t.chain) > 0 as known,
            t.chain && array(select jsonb_array_elements_text(?::jsonb)) as covered,
            e.*
       from target t
       left join lateral (
         select a.id, to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, (extract(epoch from a.at) * 1000000)::bigint::text as micros, a.subject, a.role, a.request_id,
                a.operation, a.action, a.entity, a.entity_id, a.organisation_id, a.before, a.after
           from ${s}.audit_entry a
          where (?::boolean or t.chain && array(select jsonb_array_elements_text(?::jsonb)))
            and a.organisation_chain @> array[?]::text[]
            and (?::date is null or a.at >= ${day('?')})
            and (?::date is null or a.at < ${day('?')} + interval '1 day')
            and (?::bigint is null or (a.at, a.id) < (timestamptz 'epoch' + (? || ' microseconds')::interval, ?::bigint))
          order by a.at desc, a.id desc
          limit ?
       ) e on true`,
    [
      args.organisationId,
      JSON.stringify(caller.scopeIds),
      national,
      JSON.stringify(caller.scopeIds),
      args.organisationId,
      args.from ?? null,
      args.from ?? null,
      args.to ?? null,
      args.to ?? null,
      after?.[1] ?? null,
      after?.[0] ?? '0',
      after?.[1] ?? null,
      page.first + 1,
    ],
  );
  const [head] = rows;
  if (!head.known) throw notFound('organisationId', 'no organisation has this id');
  if (!national && !head.covered) throw forbidden('organisationId', 'the caller\'s scope does not cover this organisation');
  const found = rows.filter((row) => row.id !== null);
  const visible = found.slice(0, page.first);
  const edges = visible.map((row) => ({
    cursor: encodeCursor([Number(row.micros), Number(row.id)]),
    node: {
      id: `${s}:${row.id}`,
      at: new Date(row.at),
      subject: row.subject,
      role: row.role,
      requestId: row.request_id,
      operation: row.operation,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      organisationId: row.organisation_id,
      before: row.before,
      after: row.after,
    },
  }));
  return { edges, pageInfo: { hasNextPage: found.length > page.first, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** The subgraph's root field for its trail, named by the subgraph (see above why names differ). */
export function auditTrailResolver(fieldName: string, spec: AuditTrailReader, organisations: string): ClassType {
  @Resolver()
  class AuditTrailResolver {
    @Query(() => AuditEntryConnection, {
      name: fieldName,
      description: `Who changed what (nhật ký thay đổi) in ${organisations} and every organisation under it, newest first. For the officers whose scope covers the organisation, and national administrators; FORBIDDEN to anyone else.`,
    })
    auditTrail(@Args(() => AuditTrailArgs) args: AuditTrailArgs, @Ctx() ctx: RequestContext<unknown>): Promise<AuditEntryConnection> {
      return loadAuditTrail(ctx, spec, args);
    }
  }
  Object.defineProperty(AuditTrailResolver, 'name', { value: `${fieldName}Resolver` });
  return AuditTrailResolver;
}
