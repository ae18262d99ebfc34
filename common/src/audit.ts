import type { EntityManager } from '@mikro-orm/postgresql';
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Caller, Role } from './identity.ts';
import { sql } from './orm.ts';

/**
 * The audit trail: every write a mutation makes, row by row, in the subgraph's own
 * `<schema>.audit_entry`, in the mutation's own transaction (undone with it).
 *
 * Why PostgreSQL triggers, and not a MikroORM flush subscriber: most writes here are raw SQL
 * (`sql(em, 'insert …')`, ledgers, locks), which a flush subscriber never sees; a trigger sees every
 * row whatever wrote it, so a mutation added tomorrow is audited without a line of its own. Each
 * subgraph plugs its tables in with `auditTrailDdl` in a migration of its own (its organisation
 * column, its id, its sensitive columns); derived tables (roll-ups a trigger maintains) are left out.
 *
 * Who, the request id and the mutation's name reach the trigger as transaction-local settings
 * (`hoi.*`, `set_config(…, true)`), set by `writeTransaction` as the first statement of each
 * mutation's transaction from what `auditMutations` recorded when the mutation's resolver was
 * called. A serving process's connections carry `hoi.audit=required` (openOrm's `audited`): there
 * the trigger REFUSES a write without those settings, so a mutation that bypasses writeTransaction
 * fails loudly instead of writing unaudited. Migrations, demo data and test seeders connect without
 * it: their writes are maintenance, not mutations, and are not recorded.
 *
 * The entries are append-only: a trigger refuses UPDATE, DELETE and TRUNCATE of audit_entry.
 */

/** Who wrote, for one mutation of one request. */
export interface AuditScope {
  requestId: string;
  subject: string;
  role: string;
  /** The mutation field, e.g. `addClubMember`. */
  operation: string;
}

/** Per request entity manager: the mutation being resolved on it (mutations resolve one at a time). */
const scopes = new WeakMap<EntityManager, AuditScope>();

interface MutationContext {
  requestId: string;
  caller: Caller;
  em: EntityManager;
}

const AUDITED = Symbol('hoi.audited');

/**
 * Wraps every Mutation field of a subgraph's schema (in place, once) so that the writes it makes
 * know which mutation, caller and request they belong to.
 */
export function auditMutations(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const inner = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, MutationContext> & { [AUDITED]?: true };
    if (inner[AUDITED]) continue;
    const wrapped: GraphQLFieldResolver<unknown, MutationContext> & { [AUDITED]?: true } = (source, args, context, info) => {
      scopes.set(context.em, {
        requestId: context.requestId,
        subject: context.caller.subject ?? '',
        role: context.caller.role ?? '',
        operation: info.fieldName,
      });
      return inner(source, args, context, info);
    };
    wrapped[AUDITED] = true;
    field.resolve = wrapped;
  }
  return schema;
}

/** Writes on this entity manager belong to `scope` (a spreadsheet import, which is no GraphQL mutation). */
export function setAuditScope(em: EntityManager, scope: AuditScope): void {
  scopes.set(em, scope);
}

/** Called by writeTransaction as the first statement of a mutation's transaction. */
export async function enterAuditScope(outer: EntityManager, tx: EntityManager): Promise<void> {
  const scope = scopes.get(outer);
  // No scope: not a request's mutation (a script, a test on an ORM of its own). On a serving
  // connection the trigger refuses its writes; elsewhere they are maintenance.
  if (!scope) return;
  await sql(
    tx,
    `select set_config('hoi.request_id', ?, true), set_config('hoi.subject', ?, true), set_config('hoi.role', ?, true), set_config('hoi.operation', ?, true)`,
    [scope.requestId, scope.subject, scope.role, scope.operation],
  );
}

/** What the database says when a serving connection writes an audited table without a scope. */
export const UNAUDITED_WRITE_SQLSTATE = 'HA001';

/** One audited table of a subgraph. */
export interface AuditedTable {
  /** The table, unqualified. */
  table: string;
  /** What the entry calls it: the GraphQL type, e.g. `ClubMember`. */
  entity: string;
  /** The row's id as SQL over the row `r`; `r.id` by default. */
  id?: string;
  /** The organisation the row belongs to, as SQL over the row `r` (a column, or a scalar subquery). */
  organisation: string;
  /** Columns whose values the entry never holds (a person's personal data): kept as "[redacted]". */
  sensitive?: string[];
}

export interface AuditTrailSpec {
  /** The subgraph's PostgreSQL schema. */
  schema: string;
  /**
   * SQL, over the text parameter `org`, giving the organisation and every organisation above it
   * (text[]), empty for an unknown id: an entry is in the subtree of each, and a caller whose scope
   * holds one of them may read it.
   */
  chainSql: string;
  tables: AuditedTable[];
}

/** How a subgraph's trail is read (its resolver); the tables are plugged in by migrations. */
export interface AuditTrailReader {
  schema: string;
  /** Roles (besides the national administrator) that read the trail of their scope's subtree. */
  readerRoles: readonly Role[];
  /** Tables deliberately not audited, with why: roll-ups derived from audited rows. A test checks every other table is. */
  derivedTables: Record<string, string>;
}

export const REDACTED = '[redacted]';

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The schema-wide part: the table, its indexes, the organisation chain, the trigger functions. */
function baseDdl(spec: AuditTrailSpec): string[] {
  const s = spec.schema;
  return [
    `create table ${s}.audit_entry (
        id bigint generated always as identity primary key,
        at timestamptz not null default now(),
        subject text not null,
        role text not null,
        request_id text not null,
        operation text not null,
        action text not null check (action in ('INSERT', 'UPDATE', 'DELETE')),
        entity text not null,
        entity_id text not null,
        organisation_id text,
        organisation_chain text[] not null,
        before jsonb,
        after jsonb
      )`,
    `create index audit_entry_organisation_chain_idx on ${s}.audit_entry using gin (organisation_chain)`,
    `create index audit_entry_at_idx on ${s}.audit_entry (at desc, id desc)`,
    `create function ${s}.audit_organisation_chain(org text) returns text[] language sql stable as $$ ${spec.chainSql} $$`,
    `create function ${s}.audit_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'the audit trail is append-only: % of %.audit_entry refused', tg_op, tg_table_schema using errcode = 'insufficient_privilege';
      end $$`,
    `create trigger audit_entry_append_only before update or delete on ${s}.audit_entry for each row execute function ${s}.audit_refuse_change()`,
    `create trigger audit_entry_no_truncate before truncate on ${s}.audit_entry for each statement execute function ${s}.audit_refuse_change()`,
    // Arguments: the entity, the id expression, the organisation expression, the sensitive columns.
    `create function ${s}.audit_row() returns trigger language plpgsql as $$
      declare
        request_id text := current_setting('hoi.request_id', true);
        whole jsonb := to_jsonb(coalesce(new, old));
        before_row jsonb;
        after_row jsonb;
        sensitive text[] := tg_argv[3]::text[];
        col text;
        entity_id text;
        org text;
      begin
        if coalesce(request_id, '') = '' then
          if current_setting('hoi.audit', true) = 'required' then
            raise exception 'a write to %.% outside a mutation''s writeTransaction would not be audited', tg_table_schema, tg_table_name using errcode = '${UNAUDITED_WRITE_SQLSTATE}';
          end if;
          return null;
        end if;
        if tg_op <> 'INSERT' then before_row := to_jsonb(old); end if;
        if tg_op <> 'DELETE' then after_row := to_jsonb(new); end if;
        if tg_op = 'UPDATE' and before_row = after_row then return null; end if;
        foreach col in array sensitive loop
          if before_row ? col and before_row -> col <> 'null' then before_row := jsonb_set(before_row, array[col], '"${REDACTED}"'); end if;
          if after_row ? col and after_row -> col <> 'null' then after_row := jsonb_set(after_row, array[col], '"${REDACTED}"'); end if;
        end loop;
        execute format('select (%s)::text, (%s)::text from jsonb_populate_record(null::%I.%I, $1) r', tg_argv[1], tg_argv[2], tg_table_schema, tg_table_name)
          into entity_id, org using whole;
        insert into ${s}.audit_entry (subject, role, request_id, operation, action, entity, entity_id, organisation_id, organisation_chain, before, after)
        values (current_setting('hoi.subject', true), current_setting('hoi.role', true), request_id, current_setting('hoi.operation', true),
                tg_op, tg_argv[0], entity_id, org, case when org is null then '{}' else ${s}.audit_organisation_chain(org) end, before_row, after_row);
        return null;
      end $$`,
  ];
}

/** The trigger that plugs one table into its subgraph's trail. */
export function auditTableDdl(schema: string, table: AuditedTable): string[] {
  const args = [table.entity, table.id ?? 'r.id', table.organisation, `{${(table.sensitive ?? []).join(',')}}`].map(literal).join(', ');
  return [`create trigger ${table.table}_audit after insert or update or delete on ${schema}.${table.table} for each row execute function ${schema}.audit_row(${args})`];
}

/**
 * The migration of a subgraph's audit trail. This text is part of those migrations: never change
 * it; a table added later gets `auditTableDdl` in the migration that creates it.
 */
export function auditTrailDdl(spec: AuditTrailSpec): string[] {
  return [...baseDdl(spec), ...spec.tables.flatMap((table) => auditTableDdl(spec.schema, table))];
}

export function dropAuditTrailDdl(spec: AuditTrailSpec): string[] {
  const s = spec.schema;
  return [
    ...spec.tables.map((table) => `drop trigger if exists ${table.table}_audit on ${s}.${table.table}`),
    `drop table ${s}.audit_entry`,
    `drop function ${s}.audit_row()`,
    `drop function ${s}.audit_refuse_change()`,
    `drop function ${s}.audit_organisation_chain(text)`,
  ];
}
