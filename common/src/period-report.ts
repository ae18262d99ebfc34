// Its GraphQL types are decorated; a migration reaches this module before any service loads the
// metadata polyfill (service.ts), so it loads it itself.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AuditedTable } from './audit.ts';
import { DomainError, ErrorCode, forbidden, notFound, badInput } from './errors.ts';
import type { Caller, Role } from './identity.ts';
import { isUuid, sql } from './orm.ts';
import { storedPeriod, type Period } from './period.ts';

/**
 * The reporting cycle (chu kỳ báo cáo), one mechanism for every subgraph: a report per
 * organisation, kind and period moves DRAFT → SUBMITTED → APPROVED or RETURNED; an approval
 * freezes the organisation's figures (a versioned JSONB snapshot) and locks every write that would
 * change them; a reopening by the parent, with a reason, unlocks them until the next approval.
 *
 * A subgraph plugs in its own tables (`periodReportTablesDdl(schema)` in a migration), its
 * organisation tree (the path of ids from the root down to an organisation), the children whose
 * reports come first, and one statement computing an organisation's figures for a period.
 * Nothing here knows what the figures are.
 */
export enum PeriodReportState {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
}
registerEnumType(PeriodReportState, {
  name: 'PeriodReportState',
  description: 'Where a period report is in its cycle (trạng thái báo cáo).',
  valuesConfig: {
    DRAFT: { description: 'Being prepared (dự thảo), or reopened for a correction.' },
    SUBMITTED: { description: 'Sent by the organisation\'s officer (đã gửi), awaiting the parent.' },
    APPROVED: { description: 'Approved by the parent (đã duyệt): its figures are frozen and the period is locked.' },
    RETURNED: { description: 'Sent back by the parent with a comment (trả lại), to be corrected and sent again.' },
  },
});

export enum ReportBasis {
  APPROVED = 'APPROVED',
  LIVE = 'LIVE',
}
registerEnumType(ReportBasis, {
  name: 'ReportBasis',
  description: 'Which figures to read: those signed off in the latest approved report, or what the data says now.',
  valuesConfig: {
    APPROVED: { description: 'The figures frozen by the latest approval of the report of that organisation and period (số liệu đã duyệt).' },
    LIVE: { description: 'The figures computed from the records now (số liệu hiện tại).' },
  },
});

@ObjectType({ description: 'One figure whose live value differs from the approved one (chênh lệch so với số liệu đã duyệt).' })
@Directive('@shareable')
export class FigureDifference {
  @Field(() => String, { description: 'The figure, as a path in the figures, e.g. "relief.byKind.GIFT_PACKAGES.valueVnd".' })
  figure!: string;

  @Field(() => String, { nullable: true, description: 'The approved value (decimal digits); none if the figure did not exist then.' })
  approved!: string | null;

  @Field(() => String, { nullable: true, description: 'The live value (decimal digits); none if the figure no longer exists.' })
  live!: string | null;

  @Field(() => String, { description: 'Live minus approved, signed decimal digits.' })
  change!: string;
}

/** Which approval an answer on basis APPROVED read, for an answer adding up several organisations' approved figures. */
@ObjectType({ description: 'An approved report whose frozen figures an answer read (phiên bản số liệu đã duyệt).' })
@Directive('@shareable')
export class ApprovedReportVersion {
  @Field(() => ID, { description: 'The organisation whose report it is.' })
  organisationId!: string;

  @Field(() => ID, { description: 'The period report.' })
  reportId!: string;

  @Field(() => Int, { description: 'The snapshot version read: the latest approval\'s.' })
  version!: number;
}

/** The latest approved snapshot of one organisation's report of a period, as a basis APPROVED read finds it. */
export interface ApprovedRead {
  reportId: string;
  version: number;
  figures: Record<string, unknown>;
}

const periodDetail = (period: Period) => ({ type: period.type, start: period.start, end: period.end });

/**
 * The one rule of basis APPROVED. It reads the latest approved snapshot of the organisation's
 * report of exactly that period (a reopened report keeps its last approved figures). With none,
 * there are no approved figures: NOT_APPROVED on `basis`, naming the organisation and period;
 * every field taking a basis is nullable, so this nulls that field and nothing around it.
 * An answer adding up several organisations (an emulation cluster) adds those with an approval,
 * names the others, and is NOT_APPROVED only when none has one.
 */
export function requireApproved<T extends ApprovedRead>(approved: T | null | undefined, organisationIds: string | readonly string[], period: Period): T {
  if (approved) return approved;
  throw notApproved(organisationIds, period);
}

export function notApproved(organisationIds: string | readonly string[], period: Period): DomainError {
  const many = typeof organisationIds !== 'string';
  return new DomainError(
    ErrorCode.NOT_APPROVED,
    many ? 'none of these organisations has an approved report for this period: there are no approved figures to add up'
      : 'this organisation has no approved report for this period: there are no approved figures to read',
    'basis',
    { ...(many ? { organisationIds } : { organisationId: organisationIds }), period: periodDetail(period) },
  );
}

/**
 * The latest approved snapshot of an organisation's report of a kind and period (columns
 * `report_id`, `version`, `figures`), as a subquery to join laterally: each argument is a SQL
 * expression. Approval only ever adds snapshots, so the highest version is the latest approval's.
 */
export const latestApprovedSnapshotSql = (schema: string, organisation: string, kind: string, periodType: string, periodStart: string) => `(
  select r.id as report_id, s.version, s.figures
    from ${schema}.period_report r join ${schema}.period_report_snapshot s on s.report_id = r.id
   where r.organisation_id = ${organisation} and r.kind = ${kind} and r.period_type = ${periodType} and r.period_start = ${periodStart}
   order by s.version desc limit 1)`;

/**
 * Basis APPROVED asking for what the approved figures do not hold: a breakdown no snapshot
 * freezes (`field`: the argument asking for it), or one a snapshot taken before the figures
 * statement held it lacks (then `approved` names that snapshot). Never a silent LIVE answer.
 */
export function notInApprovedFigures(field: string, message: string, approved?: Pick<ApprovedRead, 'reportId' | 'version'>): DomainError {
  return new DomainError(ErrorCode.NOT_IN_APPROVED_FIGURES, message, field, approved ? { reportId: approved.reportId, approvedVersion: approved.version } : {});
}

export interface PeriodReportPlug {
  /** The subgraph's PostgreSQL schema, holding `period_report` and `period_report_snapshot`. */
  schema: string;
  /** Roles whose officers act on reports (with a scope over the organisation or its parent). */
  officerRoles: readonly Role[];
  /** Ids from the root down to the organisation itself, or null for an unknown organisation. */
  organisationPath(em: EntityManager, organisationId: string): Promise<string[] | null>;
  /** A statement listing (as `id`) the organisations whose reports come before this one's; one parameter: its id. */
  childrenSql: string;
  /** The organisation's figures for the period, as one JSON object of numbers (strings of digits) and nested objects. */
  figures(em: EntityManager, organisationId: string, period: Period): Promise<Record<string, unknown>>;
  /** Completeness of reporting (below), once the subgraph's migration ran `periodReportCompletenessDdl`. */
  completeness?: CompletenessPlug;
}

export interface PeriodReportRow {
  id: string;
  organisationId: string;
  kind: string;
  period: Period;
  state: PeriodReportState;
  /** Approvals so far: the snapshot versions are 1..version. */
  version: number;
  /** The last return's comment or the last reopening's reason. */
  comment: string | null;
  /** Children recorded as missing at the last approval ("approve with missing"). */
  missingChildren: string[];
  changedAt: string;
}

export interface PeriodReportSnapshotRow {
  reportId: string;
  version: number;
  figures: Record<string, unknown>;
  missingChildren: string[];
  approvedAt: string;
  approvedBy: string | null;
}

/**
 * Tables of one subgraph's reports. Keyed by organisation, kind, period type and start with the
 * state on the row, so completeness per parent and period is one join of the children with this
 * table; the partial index serves the lock check, which reads approved reports only.
 */
export function periodReportTablesDdl(schema: string): string[] {
  return [
    `create table ${schema}.period_report (
        id uuid primary key,
        organisation_id uuid not null,
        kind text not null,
        period_type text not null,
        period_start date not null,
        period_end date not null,
        state text not null default 'DRAFT' check (state in ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED')),
        version integer not null default 0 check (version >= 0),
        comment text,
        missing_children uuid[] not null default '{}',
        changed_at timestamptz not null default now(),
        changed_by text,
        unique (organisation_id, kind, period_type, period_start),
        check (period_end >= period_start)
      )`,
    `create index period_report_completeness_idx on ${schema}.period_report (kind, period_type, period_start, organisation_id) include (state)`,
    `create index period_report_approved_idx on ${schema}.period_report (organisation_id, period_start, period_end) where state = 'APPROVED'`,
    `create table ${schema}.period_report_snapshot (
        report_id uuid not null references ${schema}.period_report (id),
        version integer not null check (version >= 1),
        figures jsonb not null,
        missing_children uuid[] not null default '{}',
        approved_at timestamptz not null default now(),
        approved_by text,
        primary key (report_id, version)
      )`,
  ];
}

/**
 * The report tables as the audit trail (common/src/audit.ts) records them: a submission, an
 * approval, a return and a reopening each change a report row, and an approval adds a snapshot.
 */
export function periodReportAuditedTables(schema: string): AuditedTable[] {
  return [
    { table: 'period_report', entity: 'PeriodReport', organisation: 'r.organisation_id' },
    {
      table: 'period_report_snapshot',
      entity: 'PeriodReportSnapshot',
      id: `r.report_id::text || ':' || r.version`,
      organisation: `(select p.organisation_id from ${schema}.period_report p where p.id = r.report_id)`,
    },
  ];
}

/**
 * A PostgreSQL array literal of strings, bound as one text parameter and cast where it is used
 * (`?::uuid[]`): the statement helper inlines a JavaScript array as a list, not an array, and
 * an empty one as nothing at all.
 */
export const pgArray = (values: readonly string[]) => `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

export const REPORT_COLUMNS = `r.id, r.organisation_id as "organisationId", r.kind, r.period_type as "periodType",
  to_char(r.period_start, 'YYYY-MM-DD') as "periodStart", r.state, r.version, r.comment,
  r.missing_children::text[] as "missingChildren", to_char(r.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "changedAt"`;

export const SNAPSHOT_COLUMNS = `s.report_id as "reportId", s.version, s.figures, s.missing_children::text[] as "missingChildren",
  to_char(s.approved_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "approvedAt", s.approved_by as "approvedBy"`;

export function toReportRow(row: Record<string, unknown>): PeriodReportRow {
  const { periodType, periodStart, ...rest } = row as Record<string, unknown> & { periodType: string; periodStart: string };
  return { ...(rest as unknown as Omit<PeriodReportRow, 'period'>), period: storedPeriod(periodType, periodStart) };
}

/**
 * Approvals and the writes they lock take turns on an advisory lock per organisation: a write
 * holds it shared (writes never wait for each other), a transition exclusively. An approval thus
 * waits for the writes under way to commit before it computes its snapshot, and a write that
 * starts later waits for the approval and then sees it.
 */
const lockName = (plug: PeriodReportPlug) => `period-report:${plug.schema}`;

/**
 * What a write changes: the figures of a span of days (`SPAN`: an activity, an intake of a
 * period), locked by an approved report whose period holds the span; or a balance from its day
 * on (`ONWARD`: members on the rolls, a fund's cash, counted as of a period's last day), locked by
 * every approved report whose period ends on or after that day, since each of them counted it.
 */
export type LockReach = 'SPAN' | 'ONWARD';

/**
 * Refuses, with PERIOD_LOCKED, a write that changes the figures of these organisations (the one
 * written to and every one above it, whose figures hold its own) between `from` and `to` (or, for
 * a balance, from `from` on), when an approved report holds them. Call it inside the write's
 * transaction, before writing.
 */
export async function assertPeriodOpen(
  em: EntityManager,
  plug: PeriodReportPlug,
  organisationIds: readonly string[],
  from: string,
  to: string,
  field: string,
  reach: LockReach = 'SPAN',
): Promise<void> {
  if (!em.isInTransaction()) throw new Error('assertPeriodOpen outside a transaction would not hold its lock');
  if (organisationIds.length === 0) return;
  // Sorted, so two writers take the shared locks in the same order.
  const ids = [...new Set(organisationIds)].sort();
  await sql(em, `select pg_advisory_xact_lock_shared(hashtext(?), hashtext(id)) from unnest(?::text[]) as id`, [lockName(plug), pgArray(ids)]);
  // A statement of its own, after the locks: under READ COMMITTED it sees every approval committed before them.
  const [locked] = await sql<Record<string, unknown>>(
    em,
    `select ${REPORT_COLUMNS} from ${plug.schema}.period_report r
      where r.state = 'APPROVED' and r.organisation_id = any(?::uuid[])
        and ${reach === 'ONWARD' ? `r.period_end >= ?::date` : `r.period_start <= ?::date and r.period_end >= ?::date`}
      order by array_position(?::uuid[], r.organisation_id) desc, r.period_end - r.period_start, r.period_start
      limit 1`,
    [pgArray(organisationIds), ...(reach === 'ONWARD' ? [from] : [from, to]), pgArray(organisationIds)],
  );
  if (!locked) return;
  const report = toReportRow(locked);
  throw new DomainError(
    ErrorCode.PERIOD_LOCKED,
    `the report of ${report.period.start} – ${report.period.end} is approved: its period is locked until the parent reopens it`,
    field,
    { reportId: report.id, organisationId: report.organisationId, period: { type: report.period.type, start: report.period.start, end: report.period.end } },
  );
}

type Step = 'submit' | 'approve' | 'return' | 'reopen';

/** The states each step starts from, and where it leads. */
export const TRANSITIONS: Record<Step, { from: readonly PeriodReportState[]; to: PeriodReportState }> = {
  submit: { from: [PeriodReportState.DRAFT, PeriodReportState.RETURNED], to: PeriodReportState.SUBMITTED },
  approve: { from: [PeriodReportState.SUBMITTED], to: PeriodReportState.APPROVED },
  return: { from: [PeriodReportState.SUBMITTED], to: PeriodReportState.RETURNED },
  reopen: { from: [PeriodReportState.APPROVED], to: PeriodReportState.DRAFT },
};

/**
 * Who takes each step: a national administrator anywhere; otherwise an officer (of the plug's
 * roles) of the organisation itself to submit, and of an organisation above it (its parent or
 * higher) to approve, return or reopen: nobody approves their own report.
 */
export function mayTakeStep(caller: Caller, roles: readonly Role[], path: readonly string[], step: Step): boolean {
  if (caller.role === 'national_admin') return true;
  if (!caller.role || !roles.includes(caller.role)) return false;
  const covering = step === 'submit' ? path.slice(-1) : path.slice(0, -1);
  return covering.some((id) => caller.scopeIds.includes(id));
}

const MAX_TEXT = 2000;

function requiredText(value: string | null | undefined, field: string): string {
  const text = value?.normalize('NFC').trim() ?? '';
  if (!text) throw badInput(field, `${field} must not be blank`);
  if (text.length > MAX_TEXT) throw badInput(field, `${field} is at most ${MAX_TEXT} characters`);
  return text;
}

async function organisationPath(em: EntityManager, plug: PeriodReportPlug, organisationId: string, field: string): Promise<string[]> {
  const path = await plug.organisationPath(em, organisationId);
  if (!path) throw notFound(field, 'no organisation has this id');
  return path;
}

async function lockOrganisation(em: EntityManager, plug: PeriodReportPlug, organisationId: string): Promise<void> {
  await sql(em, `select pg_advisory_xact_lock(hashtext(?), hashtext(?))`, [lockName(plug), organisationId]);
}

async function reportForUpdate(em: EntityManager, plug: PeriodReportPlug, reportId: string): Promise<PeriodReportRow | null> {
  const [row] = await sql<Record<string, unknown>>(em, `select ${REPORT_COLUMNS} from ${plug.schema}.period_report r where r.id = ? for update`, [reportId]);
  return row ? toReportRow(row) : null;
}

const invalidTransition = (report: PeriodReportRow, step: Step) =>
  new DomainError(ErrorCode.INVALID_TRANSITION, `a report in state ${report.state} cannot be ${({ submit: 'submitted', approve: 'approved', return: 'returned', reopen: 'reopened' } as const)[step]}`, 'id', {
    state: report.state,
  });

async function updated(em: EntityManager, plug: PeriodReportPlug, reportId: string, set: string, params: unknown[], caller: Caller): Promise<PeriodReportRow> {
  const [row] = await sql<Record<string, unknown>>(
    em,
    `update ${plug.schema}.period_report r set ${set}, changed_at = now(), changed_by = ? where r.id = ? returning ${REPORT_COLUMNS}`,
    [...params, caller.subject, reportId],
  );
  return toReportRow(row);
}

export interface SubmitInput {
  organisationId: string;
  kind: string;
  period: Period;
  /** The input field naming the organisation, for errors. */
  field: string;
}

/** Submits the organisation's report of this kind and period, opening it as a draft first if there is none. */
export async function submitPeriodReport(em: EntityManager, plug: PeriodReportPlug, caller: Caller, input: SubmitInput): Promise<PeriodReportRow> {
  const path = await organisationPath(em, plug, input.organisationId, input.field);
  if (!mayTakeStep(caller, plug.officerRoles, path, 'submit')) throw forbidden(input.field, 'only an officer of the organisation submits its report');
  await lockOrganisation(em, plug, input.organisationId);
  await sql(
    em,
    `insert into ${plug.schema}.period_report (id, organisation_id, kind, period_type, period_start, period_end, changed_by)
     values (?, ?, ?, ?, ?, ?, ?) on conflict (organisation_id, kind, period_type, period_start) do nothing`,
    [randomUUID(), input.organisationId, input.kind, input.period.type, input.period.start, input.period.end, caller.subject],
  );
  const [row] = await sql<Record<string, unknown>>(
    em,
    `select ${REPORT_COLUMNS} from ${plug.schema}.period_report r
      where r.organisation_id = ? and r.kind = ? and r.period_type = ? and r.period_start = ? for update`,
    [input.organisationId, input.kind, input.period.type, input.period.start],
  );
  const report = toReportRow(row);
  if (!TRANSITIONS.submit.from.includes(report.state)) throw invalidTransition(report, 'submit');
  // The first submission's time is what lateness reads; a submission after a return keeps it.
  const set = plug.completeness ? `state = ?, submitted_at = coalesce(r.submitted_at, now())` : `state = ?`;
  return updated(em, plug, report.id, set, [TRANSITIONS.submit.to], caller);
}

/** Loads the report, checks the caller may take the step and that its state allows it; holds the organisation's lock. */
async function begin(em: EntityManager, plug: PeriodReportPlug, caller: Caller, reportId: string, step: Step): Promise<PeriodReportRow> {
  const [found] = await sql<{ organisationId: string }>(em, `select organisation_id as "organisationId" from ${plug.schema}.period_report where id = ?`, [reportId]);
  if (!found) throw notFound('id', 'no period report has this id');
  const path = await organisationPath(em, plug, found.organisationId, 'id');
  if (!mayTakeStep(caller, plug.officerRoles, path, step)) {
    throw forbidden('id', 'only an officer of an organisation above this one (or a national administrator) approves, returns or reopens its report');
  }
  await lockOrganisation(em, plug, found.organisationId);
  const report = (await reportForUpdate(em, plug, reportId))!;
  if (!TRANSITIONS[step].from.includes(report.state)) throw invalidTransition(report, step);
  return report;
}

/**
 * Approves a submitted report: its children's reports of the same kind and period must be approved,
 * or the caller approves with them missing and the report records which. The figures, computed
 * after the organisation's lock (so after every write under way), become snapshot `version + 1`.
 */
export async function approvePeriodReport(em: EntityManager, plug: PeriodReportPlug, caller: Caller, reportId: string, approveWithMissing: boolean): Promise<PeriodReportRow> {
  const report = await begin(em, plug, caller, reportId, 'approve');
  const missing = await sql<{ id: string }>(
    em,
    `select child.id::text as id from (${plug.childrenSql}) as child (id)
      where not exists (select 1 from ${plug.schema}.period_report c
                         where c.organisation_id = child.id and c.kind = ? and c.period_type = ? and c.period_start = ? and c.state = 'APPROVED')
      order by 1`,
    [report.organisationId, report.kind, report.period.type, report.period.start],
  );
  const missingIds = missing.map((row) => row.id);
  if (missingIds.length > 0 && !approveWithMissing) {
    throw new DomainError(ErrorCode.CHILDREN_NOT_APPROVED, `${missingIds.length} child organisation(s) have no approved report for this period; approve with missing to go ahead`, 'id', {
      missingChildren: missingIds,
    });
  }
  const figures = await plug.figures(em, report.organisationId, report.period);
  const version = report.version + 1;
  await sql(
    em,
    `insert into ${plug.schema}.period_report_snapshot (report_id, version, figures, missing_children, approved_by) values (?, ?, ?::jsonb, ?::uuid[], ?)`,
    [report.id, version, JSON.stringify(figures), pgArray(missingIds), caller.subject],
  );
  return updated(em, plug, report.id, `state = ?, version = ?, missing_children = ?::uuid[]`, [TRANSITIONS.approve.to, version, pgArray(missingIds)], caller);
}

/** Returns a submitted report to its organisation with a comment saying what to correct. */
export async function returnPeriodReport(em: EntityManager, plug: PeriodReportPlug, caller: Caller, reportId: string, comment: string): Promise<PeriodReportRow> {
  const text = requiredText(comment, 'comment');
  await begin(em, plug, caller, reportId, 'return');
  return updated(em, plug, reportId, `state = ?, comment = ?`, [TRANSITIONS.return.to, text], caller);
}

/** Reopens an approved report for a correction, with the reason: back to DRAFT, the period unlocked; the snapshots stay. */
export async function reopenPeriodReport(em: EntityManager, plug: PeriodReportPlug, caller: Caller, reportId: string, reason: string): Promise<PeriodReportRow> {
  const text = requiredText(reason, 'reason');
  await begin(em, plug, caller, reportId, 'reopen');
  return updated(em, plug, reportId, `state = ?, comment = ?`, [TRANSITIONS.reopen.to, text], caller);
}

/** Where a subgraph's report reads its figures: live now, the approvals' snapshots, and its own shape of them. */
export interface ReportFigureSources<Figures> {
  live: () => Promise<Record<string, unknown>>;
  snapshots: () => Promise<PeriodReportSnapshotRow[]>;
  shape: (figures: Record<string, unknown>) => Figures;
  /** Paths of figures the statement gained after some snapshots were taken: a snapshot without one is not compared on it. */
  addedLater?: readonly string[];
}

/**
 * The `figures`, `snapshots` and `differences` fields of every subgraph's report type: LIVE or
 * the latest approval's (none if never approved), every approval oldest first, and what changed.
 */
export const reportFigures = {
  async figures<Figures>(sources: ReportFigureSources<Figures>, basis: ReportBasis): Promise<Figures | null> {
    if (basis === ReportBasis.LIVE) return sources.shape(await sources.live());
    const latest = (await sources.snapshots()).at(-1);
    return latest ? sources.shape(latest.figures) : null;
  },
  async snapshots<Figures>(sources: ReportFigureSources<Figures>) {
    return (await sources.snapshots()).map((snapshot) => ({
      version: snapshot.version,
      approvedAt: snapshot.approvedAt,
      missingChildIds: snapshot.missingChildren,
      figures: sources.shape(snapshot.figures),
    }));
  },
  async differences<Figures>(sources: ReportFigureSources<Figures>): Promise<FigureDifference[] | null> {
    const [snapshots, live] = await Promise.all([sources.snapshots(), sources.live()]);
    const latest = snapshots.at(-1);
    return latest ? figureDifferences(latest.figures, live, sources.addedLater) : null;
  },
};

/**
 * The figures that differ between two figure objects, flattened to paths: numbers compared as
 * exact integers (BigInt), so large totals never lose a digit.
 */
export function figureDifferences(approved: Record<string, unknown>, live: Record<string, unknown>, addedLater: readonly string[] = []): FigureDifference[] {
  const flat = (value: unknown, prefix: string, into: Map<string, string>) => {
    if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) flat(inner, prefix ? `${prefix}.${key}` : key, into);
    } else if (value !== null && value !== undefined) {
      into.set(prefix, String(value));
    }
    return into;
  };
  const before = flat(approved, '', new Map());
  const after = flat(live, '', new Map());
  // A snapshot older than a figure never froze it: its absence there is no change.
  const held = (path: string) => path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), approved) !== undefined;
  for (const path of addedLater) {
    if (held(path)) continue;
    for (const figure of after.keys()) if (figure === path || figure.startsWith(`${path}.`)) after.delete(figure);
  }
  const figures = [...new Set([...before.keys(), ...after.keys()])].sort();
  const differences: FigureDifference[] = [];
  for (const figure of figures) {
    const a = before.get(figure) ?? null;
    const b = after.get(figure) ?? null;
    if (a === b) continue;
    const change = BigInt(b ?? 0) - BigInt(a ?? 0);
    if (change === 0n) continue;
    differences.push({ figure, approved: a, live: b, change: change.toString() });
  }
  return differences;
}

// ---------------------------------------------------------------------------------------------
// Completeness (tỷ lệ báo cáo): who was expected to report for a period, and how far each got.

/**
 * What completeness needs from a subgraph, on top of its report tables: the organisations
 * expected to report under each of many parents. A plug with it records each report's first
 * submission (`submitted_at`, added by `periodReportCompletenessDdl`), which lateness reads.
 */
export interface CompletenessPlug {
  /** A statement listing (as `group_key`, `id`, `level`) the children of each parent; one parameter: the parents' ids as `uuid[]`. */
  childrenSql: string;
}

/**
 * The deadlines and the first-submission time. Deadlines are days after the period's end, per
 * period type and optionally per level of the reporting organisation (`level = '*'`: every level
 * without a row of its own); the defaults are seeded here and an administrator may change them.
 */
export function periodReportCompletenessDdl(schema: string): string[] {
  return [
    `alter table ${schema}.period_report add column submitted_at timestamptz`,
    `update ${schema}.period_report set submitted_at = changed_at where state <> 'DRAFT'`,
    `create table ${schema}.report_deadline (
        period_type text not null check (period_type in ('MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR')),
        level text not null default '*',
        days_after_period_end integer not null check (days_after_period_end between 0 and 366),
        primary key (period_type, level)
      )`,
    `insert into ${schema}.report_deadline (period_type, level, days_after_period_end)
     values ('MONTH', '*', 10), ('QUARTER', '*', 15), ('HALF_YEAR', '*', 20), ('YEAR', '*', 30)`,
  ];
}

/** The deadlines in the audit trail: a change moves who is late. They belong to no organisation. */
export function reportDeadlineAuditedTable(): AuditedTable {
  return { table: 'report_deadline', entity: 'ReportDeadline', id: `r.period_type || ':' || r.level`, organisation: 'null' };
}

/**
 * Completeness of a whole country by group (province) without reading every organisation: two
 * roll-ups kept by triggers in the writing transaction. `report_completeness_expected` counts the
 * organisations of each group and level; `report_completeness_rollup` counts, per group, kind,
 * period and level, the reports in each state, those ever submitted and those first submitted
 * after their deadline. A national answer then reads a few thousand rows, not ~111,000
 * organisations and their reports (issue 14: under 100 ms at 10 connections on two cores).
 *
 * Lateness of a report that was submitted is fixed when it is written (its first submission and
 * the deadline table); a change of the deadlines rebuilds the roll-up. Whether a report never
 * submitted is late depends on the clock, so it is decided when read.
 */
export interface CompletenessRollupPlug {
  /** Every organisation counted nationally, as (id, group_key, level): left out if it has no group, counted under no key (stored as '') if its group has none. Filtered by `id`. */
  groupsSql: string;
  /** The organisation tables: an insert adds to the roll-ups; a delete, or an update changing one of `groupColumns`, rebuilds them (organisations rarely move). */
  organisationTables: string[];
  /** The columns of those tables that decide an organisation's group and level (all tables have them). */
  groupColumns: string[];
}

const ROLLUP_COUNTS = ['draft', 'submitted', 'returned', 'approved', 'submitted_ever', 'submitted_late'] as const;

/** The signed counts of the reports in `source` (a transition table or the report table) per group, kind, period and level. */
function rollupDelta(schema: string, plug: CompletenessRollupPlug, source: string, sign: 1 | -1, where = ''): string {
  return `insert into ${schema}.report_completeness_rollup (group_key, kind, period_type, period_start, level, ${ROLLUP_COUNTS.join(', ')})
    select coalesce(g.group_key::text, ''), r.kind, r.period_type, r.period_start, g.level,
           ${sign} * count(*) filter (where r.state = 'DRAFT'), ${sign} * count(*) filter (where r.state = 'SUBMITTED'),
           ${sign} * count(*) filter (where r.state = 'RETURNED'), ${sign} * count(*) filter (where r.state = 'APPROVED'),
           ${sign} * count(r.submitted_at),
           ${sign} * count(*) filter (where r.submitted_at > ((r.period_end + 1 + coalesce(own.days_after_period_end, every.days_after_period_end, 0))::timestamp
                                                                at time zone 'Asia/Ho_Chi_Minh'))
      from ${source} r
      join (${plug.groupsSql}) g on g.id = r.organisation_id
      left join ${schema}.report_deadline own on own.period_type = r.period_type and own.level = g.level
      left join ${schema}.report_deadline every on every.period_type = r.period_type and every.level = '*'
     ${where}
     group by 1, r.kind, r.period_type, r.period_start, g.level
    on conflict (group_key, kind, period_type, period_start, level) do update set
      ${ROLLUP_COUNTS.map((column) => `${column} = report_completeness_rollup.${column} + excluded.${column}`).join(', ')}`;
}

function expectedDelta(schema: string, plug: CompletenessRollupPlug, where: string): string {
  return `insert into ${schema}.report_completeness_expected (group_key, level, organisations)
    select coalesce(g.group_key::text, ''), g.level, count(*) from (${plug.groupsSql}) g ${where} group by 1, g.level
    on conflict (group_key, level) do update set organisations = report_completeness_expected.organisations + excluded.organisations`;
}

/**
 * The roll-ups, their triggers and `<schema>.rebuild_report_completeness()`, for a subgraph whose
 * migration already ran `periodReportCompletenessDdl`. Filled from the tables as they are.
 */
export function periodReportCompletenessRollupDdl(schema: string, plug: CompletenessRollupPlug): string[] {
  const s = schema;
  const trigger = (table: string, name: string, event: 'insert' | 'update' | 'delete', fn: string) =>
    `create trigger ${name}_${event} after ${event} on ${table}
       referencing ${event === 'insert' ? 'new table as new_rows' : event === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows'}
       for each statement execute function ${fn}()`;
  return [
    `create table ${s}.report_completeness_expected (
        group_key text not null,
        level text not null,
        organisations integer not null,
        primary key (group_key, level)
      )`,
    `create table ${s}.report_completeness_rollup (
        group_key text not null,
        kind text not null,
        period_type text not null,
        period_start date not null,
        level text not null,
        ${ROLLUP_COUNTS.map((column) => `${column} integer not null`).join(',\n        ')},
        primary key (kind, period_type, period_start, group_key, level)
      )`,
    `create function ${s}.rebuild_report_completeness() returns void language plpgsql as $$
      begin
        delete from ${s}.report_completeness_expected;
        delete from ${s}.report_completeness_rollup;
        ${expectedDelta(s, plug, '')};
        ${rollupDelta(s, plug, `${s}.period_report`, 1)};
      end $$`,
    `create function ${s}.report_completeness_reports() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then ${rollupDelta(s, plug, 'old_rows', -1)}; end if;
        if tg_op in ('UPDATE', 'INSERT') then ${rollupDelta(s, plug, 'new_rows', 1)}; end if;
        return null;
      end $$`,
    // A new organisation counts from now on, with any report filed under its id before; a move,
    // a change of level or group, or a removal is rare (no mutation does it): rebuild.
    `create function ${s}.report_completeness_organisations() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${expectedDelta(s, plug, 'where g.id in (select id from new_rows)')};
          ${rollupDelta(s, plug, `${s}.period_report`, 1, 'where r.organisation_id in (select id from new_rows)')};
        elsif tg_op = 'DELETE' then
          perform ${s}.rebuild_report_completeness();
        elsif exists (
            select 1 from old_rows o join new_rows n on n.id = o.id
             where (${plug.groupColumns.map((c) => `o.${c}`).join(', ')}) is distinct from (${plug.groupColumns.map((c) => `n.${c}`).join(', ')})) then
          perform ${s}.rebuild_report_completeness();
        end if;
        return null;
      end $$`,
    `create function ${s}.report_completeness_deadlines() returns trigger language plpgsql as $$
      begin
        perform ${s}.rebuild_report_completeness();
        return null;
      end $$`,
    ...(['insert', 'update', 'delete'] as const).map((event) => trigger(`${s}.period_report`, 'report_completeness', event, `${s}.report_completeness_reports`)),
    ...plug.organisationTables.flatMap((table) =>
      (['insert', 'update', 'delete'] as const).map((event) => trigger(table, `report_completeness_${table.split('.').pop()}`, event, `${s}.report_completeness_organisations`))),
    `create trigger report_completeness_deadlines after insert or update or delete or truncate on ${s}.report_deadline
       for each statement execute function ${s}.report_completeness_deadlines()`,
    `select ${s}.rebuild_report_completeness()`,
  ];
}

export function dropPeriodReportCompletenessRollupDdl(schema: string, plug: CompletenessRollupPlug): string[] {
  const s = schema;
  return [
    ...(['insert', 'update', 'delete'] as const).map((event) => `drop trigger report_completeness_${event} on ${s}.period_report`),
    ...plug.organisationTables.flatMap((table) => (['insert', 'update', 'delete'] as const).map((event) => `drop trigger report_completeness_${table.split('.').pop()}_${event} on ${table}`)),
    `drop trigger report_completeness_deadlines on ${s}.report_deadline`,
    `drop function ${s}.report_completeness_deadlines()`,
    `drop function ${s}.report_completeness_organisations()`,
    `drop function ${s}.report_completeness_reports()`,
    `drop function ${s}.rebuild_report_completeness()`,
    `drop table ${s}.report_completeness_rollup`,
    `drop table ${s}.report_completeness_expected`,
  ];
}

/**
 * Completeness per group from the roll-ups: the same counts as `completenessSql` over the
 * plug's `groupsSql`, each group's key mapped by `groupKey` over `e.group_key` (with `join`, e.g.
 * old provinces merging into today's). Parameters: kind, period type, start, end.
 */
export function rolledUpCompletenessSql(schema: string, mapping: { groupKey: string; join: string } = { groupKey: 'e.group_key', join: '' }): string {
  // Counted per group as rolled up first (a few dozen rows), mapped after: mapping the few
  // thousand level rows first had the planner sort the whole mapping table to merge them.
  return `
    with k as (select ?::text as kind, ?::text as period_type, ?::date as period_start, ?::date as period_end),
    per_group as (
      select nullif(e.group_key, '') as group_key, sum(e.organisations) as organisations,
             sum(coalesce(r.draft, 0)) as draft, sum(coalesce(r.submitted, 0)) as submitted, sum(coalesce(r.returned, 0)) as returned,
             sum(coalesce(r.approved, 0)) as approved,
             sum(coalesce(r.submitted_late, 0)
                 + case when now() > ((k.period_end + 1 + coalesce(own.days_after_period_end, every.days_after_period_end, 0))::timestamp at time zone 'Asia/Ho_Chi_Minh')
                        then e.organisations - coalesce(r.submitted_ever, 0) else 0 end) as late
        from ${schema}.report_completeness_expected e
        cross join k
        left join ${schema}.report_completeness_rollup r
          on r.kind = k.kind and r.period_type = k.period_type and r.period_start = k.period_start and r.group_key = e.group_key and r.level = e.level
        left join ${schema}.report_deadline own on own.period_type = k.period_type and own.level = e.level
        left join ${schema}.report_deadline every on every.period_type = k.period_type and every.level = '*'
       group by e.group_key
    )
    select ${mapping.groupKey}::text as "groupKey", sum(e.organisations)::int as expected,
           sum(e.organisations - e.draft - e.submitted - e.returned - e.approved)::int as missing,
           sum(e.draft)::int as draft, sum(e.submitted)::int as submitted, sum(e.returned)::int as returned,
           sum(e.approved)::int as approved, sum(e.late)::int as late
      from per_group e
      ${mapping.join}
     group by 1
    having sum(e.organisations) > 0
     order by 1 nulls last`;
}

/** A report's counts for a group of organisations expected to report; the five states add up to `expected`. */
export interface CompletenessRow {
  groupKey: string | null;
  expected: number;
  missing: number;
  draft: number;
  submitted: number;
  returned: number;
  approved: number;
  late: number;
  /** With `list`: ids of the organisations without a report, and of the late ones, in id order. */
  missingIds?: string[];
  lateIds?: string[];
}

/**
 * ONE statement giving, per group, how many organisations were expected to report (the rows of
 * `expectedSql`: columns group_key, id, level) and where their reports of the kind and period
 * are: no report (`missing`), DRAFT, SUBMITTED (awaiting the parent), RETURNED, APPROVED.
 * `late`: the first submission came after the deadline, or there is none and the deadline has
 * passed. The deadline is the end of day `period end + days_after_period_end`, Vietnam time
 * (Asia/Ho_Chi_Minh), from the organisation's level's row or else the period type's `'*'` row
 * (no row: due the day the period ends). Parameters: kind, period type, start, end, then those
 * of `expectedSql`.
 */
export interface CompletenessOptions {
  /** Return the ids of the missing and of the late organisations, per group. */
  list: boolean;
  /**
   * The expected organisations are a large share of all (a country): read the period's reports in
   * one pass and hash-join them, rather than an index probe per organisation.
   */
  wide?: boolean;
}

export function completenessSql(schema: string, expectedSql: string, options: CompletenessOptions): string {
  const lists = options.list
    ? `, coalesce(array_agg(s.id::text order by s.id) filter (where s.state is null), '{}') as "missingIds",
         coalesce(array_agg(s.id::text order by s.id) filter (where s.late), '{}') as "lateIds"`
    : '';
  // The period's values reach the planner through `k`, so it cannot tell how many reports the
  // period has: left to choose, it guessed one and compared every report of the period with every
  // expected organisation. Wide: the period's reports read once and hash-joined; otherwise an
  // index probe per organisation (`limit 1`, which the unique key allows, keeps the planner from
  // flattening the probe back into a join over the whole table).
  const reports = options.wide
    ? `
    reports as materialized (
      select r.organisation_id, r.state, r.submitted_at from ${schema}.period_report r join k
          on r.kind = k.kind and r.period_type = k.period_type and r.period_start = k.period_start),`
    : '';
  const reportOf = options.wide
    ? 'left join reports r on r.organisation_id = e.id'
    : `left join lateral (select r.state, r.submitted_at from ${schema}.period_report r
                              where r.organisation_id = e.id and r.kind = k.kind and r.period_type = k.period_type and r.period_start = k.period_start
                              limit 1) r on true`;
  return `
    with k as (select ?::text as kind, ?::text as period_type, ?::date as period_start, ?::date as period_end),
    expected as (${expectedSql}),
    deadline as (select d.level, d.days_after_period_end as days from ${schema}.report_deadline d join k on d.period_type = k.period_type),${reports}
    s as (
      select e.group_key, e.id, r.state,
             coalesce(r.submitted_at, now()) > ((k.period_end + 1 + coalesce(own.days, every.days, 0))::timestamp at time zone 'Asia/Ho_Chi_Minh') as late
        from expected e
        cross join k
        left join deadline own on own.level = e.level
        left join deadline every on every.level = '*'
        ${reportOf}
    )
    select s.group_key::text as "groupKey", count(*)::int as expected,
           count(*) filter (where s.state is null)::int as missing,
           count(*) filter (where s.state = 'DRAFT')::int as draft,
           count(*) filter (where s.state = 'SUBMITTED')::int as submitted,
           count(*) filter (where s.state = 'RETURNED')::int as returned,
           count(*) filter (where s.state = 'APPROVED')::int as approved,
           count(*) filter (where s.late)::int as late${lists}
      from s
     group by s.group_key
     order by s.group_key nulls last`;
}

/** Runs `completenessSql`: one statement, one row per group that has anyone expected. */
export function reportingCompleteness(
  em: EntityManager,
  schema: string,
  expectedSql: string,
  expectedParams: unknown[],
  kind: string,
  period: Period,
  options: CompletenessOptions,
): Promise<CompletenessRow[]> {
  return sql<CompletenessRow>(em, completenessSql(schema, expectedSql, options), [kind, period.type, period.start, period.end, ...expectedParams]);
}

/** Nobody expected: the counts of a group without any organisation to report. */
export const NO_REPORTING: Omit<CompletenessRow, 'groupKey'> = { expected: 0, missing: 0, draft: 0, submitted: 0, returned: 0, approved: 0, late: 0, missingIds: [], lateIds: [] };

/** A group (a parent, a cluster, …) whose reporting of a kind and period is asked. */
export interface CompletenessKey {
  groupKey: string;
  kind: string;
  period: Period;
}

/** The statement listing the expected organisations (group_key, id, level) of a batch of keys of one kind and period; null when nobody is. */
export type ExpectedOrganisations<K> = (keys: K[]) => { sql: string; params: unknown[] } | null;

const completenessKey = (key: CompletenessKey) => `${key.groupKey.toLowerCase()}:${key.kind}:${key.period.type}:${key.period.start}`;

/**
 * A loader of completeness per group, with the missing and late lists: the keys of one kind and
 * period, however many (a list of parents, of clusters), cost ONE statement. Groups come back
 * keyed by their text, compared in lower case (uuids as PostgreSQL prints them).
 */
export function completenessLoader<K extends CompletenessKey>(em: EntityManager, schema: string, expected: ExpectedOrganisations<K>): DataLoader<K, CompletenessRow, string> {
  return new DataLoader<K, CompletenessRow, string>(
    async (keys) => {
      const results = new Map<K, CompletenessRow>();
      for (const group of Map.groupBy(keys, (key) => `${key.kind}:${key.period.type}:${key.period.start}`).values()) {
        const { kind, period } = group[0];
        const statement = expected(group);
        const rows = statement ? await reportingCompleteness(em, schema, statement.sql, statement.params, kind, period, { list: true }) : [];
        const byGroup = new Map(rows.map((row) => [String(row.groupKey), row]));
        for (const key of group) results.set(key, byGroup.get(key.groupKey.toLowerCase()) ?? { groupKey: key.groupKey, ...NO_REPORTING });
      }
      return keys.map((key) => results.get(key)!);
    },
    { cacheKeyFn: completenessKey },
  );
}

/**
 * Expected: the children of each key's group, a parent (`plug.childrenSql`); ids that are not
 * uuids name no organisation and are left out before the cast.
 */
export const childrenOfParents = (plug: CompletenessPlug): ExpectedOrganisations<CompletenessKey> => (keys) => {
  const parents = [...new Set(keys.map((key) => key.groupKey.toLowerCase()).filter(isUuid))];
  return parents.length ? { sql: plug.childrenSql, params: [pgArray(parents)] } : null;
};

/**
 * Expected: organisations named by each key (a cluster's members), found in `organisations` (a
 * statement or table with `id` and `level`): the pairs go in as one JSON parameter, ids that are
 * not uuids left out before the cast.
 */
export function listedOrganisations<K extends CompletenessKey>(organisations: string, idsOf: (key: K) => readonly string[]): ExpectedOrganisations<K> {
  const statement = `select distinct pair.group_key, o.id, o.level
    from jsonb_to_recordset(?::jsonb) as pair (group_key text, organisation_id uuid)
    join ${organisations} o on o.id = pair.organisation_id`;
  return (keys) => {
    const pairs = keys.flatMap((key) => idsOf(key).filter(isUuid).map((id) => ({ group_key: key.groupKey.toLowerCase(), organisation_id: id })));
    return pairs.length ? { sql: statement, params: [JSON.stringify(pairs)] } : null;
  };
}

@ObjectType({ description: 'How many were expected to report for a period and where their reports are; the five states add up to expected.' })
export class ReportingCounts {
  @Field(() => Int, { description: 'Organisations expected to report (phải báo cáo).' })
  expected!: number;

  @Field(() => Int, { description: 'Without any report (chưa có báo cáo).' })
  missing!: number;

  @Field(() => Int, { description: 'With a report in DRAFT (dự thảo, or reopened).' })
  draft!: number;

  @Field(() => Int, { description: 'Submitted and awaiting the parent (đã gửi, chờ duyệt).' })
  submitted!: number;

  @Field(() => Int, { description: 'Returned with a comment, not sent again yet (bị trả lại).' })
  returned!: number;

  @Field(() => Int, { description: 'Approved (đã duyệt).' })
  approved!: number;

  @Field(() => Int, {
    description: 'Late (nộp muộn): first submitted after the deadline, or never submitted and the deadline has passed. '
      + 'The deadline is a number of days after the period ends, per period type and level (report_deadline), to the end of that day in Vietnam.',
  })
  late!: number;
}
