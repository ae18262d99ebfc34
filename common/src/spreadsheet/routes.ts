import { createReadStream } from 'node:fs';
import type { ApolloServer, BaseContext } from '@apollo/server';
import express, { type Express, type Request, type Response } from 'express';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isEnumType,
  isInputObjectType,
  isListType,
  isScalarType,
  Kind,
  parse,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { callerRefusal } from '../access.ts';
import { bearerChallenge, refusalStatus, requestIdFor, sendError } from '../http-status.ts';
import { callerOf } from '../http.ts';
import type { Caller, CallerVerifier } from '../identity.ts';
import { callerRateLimit } from '../rate-limit.ts';
import { writeCsv, writeXlsx, type ExportTable } from './export.ts';
import { isHeaderRow, runImport, type ImportMode } from './import.ts';
import { jobPublicId, parseJobId } from './job-id.ts';
import { ImportJobs, type ImportAnswer } from './jobs.ts';
import { csvRows, formatOf, NotASpreadsheet, spool, xlsxRows, XLSX_TYPE, type SheetFormat } from './read.ts';
import type { SheetKind } from './sheet-kind.ts';
import { templateWorkbook } from './template.ts';

/**
 * A summary an analyst reads, printed as a report: the GraphQL field's own operation runs for the
 * caller (the same arguments, from the query string, and the same access rules, by construction),
 * and its answer is laid out as a table.
 */
export interface SummaryExport {
  /** In URLs: `/exports/<name>.xlsx`, `/exports/<name>.csv`. */
  name: string;
  /** The operation; its variables are the query string's parameters (`period.year=2024`, `groupBy=KIND,MONTH`). */
  query: string;
  /** Variables the operation needs beyond the query string's, derived from them (e.g. whether to read a unit's name). */
  variables?(fromQuery: Record<string, unknown>): Record<string, unknown>;
  /** The answer laid out; `variables` are those the operation ran with. */
  table(data: Record<string, unknown>, variables: Record<string, unknown>): ExportTable;
  /**
   * `supergraph`: the operation reads fields no subgraph answers alone (a cluster's figures, which
   * this subgraph resolves only for the gateway, from ids another holds). The gateway's host runs
   * it over the supergraph, for the caller, and posts the answer back here to be laid out by
   * `table`; on this host it is refused (`SERVED_BY_GATEWAY`). No `variables` hook then.
   */
  runsOn?: 'subgraph' | 'supergraph';
  /**
   * For an export this subgraph runs itself: the same operation with fields other subgraphs
   * resolve (a unit's name from `places`, where `query` reads only its id). The gateway's host runs
   * this one over the supergraph and posts the answer back to be laid out by the same `table`;
   * this host, for partners, keeps `query`. Same variables as `query`, and no `variables` hook.
   */
  supergraphQuery?: string;
  /**
   * Variables derived from the query string's, declared rather than computed so the gateway's
   * host derives them for `supergraphQuery` as this host does for `query`: `{ given: 'x' }` is
   * whether `x` was given, `{ copy: 'x', otherwise }` its value or `otherwise`.
   */
  derivedVariables?: Record<string, DerivedVariable>;
}

export type DerivedVariable = { given: string } | { copy: string; otherwise: unknown };

/** The query string's variables with those an export derives from them (`SummaryExport.derivedVariables`). */
export function withDerivedVariables(fromQuery: Record<string, unknown>, derived: Record<string, DerivedVariable> | undefined): Record<string, unknown> {
  const variables = { ...fromQuery };
  for (const [name, rule] of Object.entries(derived ?? {})) {
    variables[name] = 'given' in rule ? fromQuery[rule.given] != null : fromQuery[rule.copy] ?? rule.otherwise;
  }
  return variables;
}

/** The operation the gateway's host runs over the supergraph for an export, if it runs one. */
const supergraphQueryOf = (summary: SummaryExport) => (summary.runsOn === 'supergraph' ? summary.query : summary.supergraphQuery);

export interface SpreadsheetPlug<Context> {
  // Each kind has its own input type; the mechanism handles them alike.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kinds: readonly SheetKind<Context, any>[];
  exports: readonly SummaryExport[];
}

export interface SpreadsheetRouteOptions<Context extends BaseContext> {
  subgraph: string;
  plug: SpreadsheetPlug<Context>;
  apollo: ApolloServer<Context>;
  schema: GraphQLSchema;
  dbSchema: string;
  verifyCaller: CallerVerifier;
  signedByGateway(req: Request): boolean;
  rateLimitPerMinute?: number;
  context(req: Request, requestId: string): Promise<Context & { em: EntityManager; caller: Caller; requestId: string }>;
}

/** Uploads larger than this are refused (HOI_IMPORT_MAX_BYTES): 100,000 rows of a template take about 5 MB. */
export const importMaxBytes = () => Number(process.env.HOI_IMPORT_MAX_BYTES ?? 64 * 1024 * 1024);

/** An error as GraphQL gives it: thrown here, or in an answer the gateway's own execution formatted. */
type AnswerError = { message: string; extensions?: Record<string, unknown> };

/** An error answer in the API's shape, with the status its code has everywhere else. */
function errorAnswer(req: Request, error: AnswerError, requestId: string): ImportAnswer {
  const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  const anonymous = !req.headers.authorization;
  const status = STATUS[code] ?? refusalStatus(code, { anonymous, graphqlResponse: true }) ?? 400;
  return { status: code === 'FORBIDDEN' && anonymous ? 401 : status, body: { errors: [{ message: error.message, extensions: { ...error.extensions, code, requestId } }] } };
}

/** Sends an error as every spreadsheet route does, on a subgraph's host and on the gateway's. */
export function sendSpreadsheetError(req: Request, res: Response, error: AnswerError): void {
  const answer = errorAnswer(req, error, requestIdFor(res));
  if (answer.status === 401) res.setHeader('www-authenticate', bearerChallenge(!req.headers.authorization));
  res.status(answer.status).json(answer.body);
}

function refuse(req: Request, res: Response, error: unknown): void {
  if (!(error instanceof GraphQLError)) throw error;
  sendSpreadsheetError(req, res, error);
}

const STATUS: Record<string, number> = { SERVED_BY_GATEWAY: 404, NOT_FOUND: 404, NOT_A_SPREADSHEET: 400, UNSUPPORTED_MEDIA_TYPE: 415, PAYLOAD_TOO_LARGE: 413, IMPORTS_BUSY: 503, SUBGRAPH_UNAVAILABLE: 503, INTERNAL_SERVER_ERROR: 500 };

const requestError = (code: string, message: string, field?: string) => new GraphQLError(message, { extensions: { code, ...(field ? { field } : {}) } });

/** Mounts `/templates/:kind.xlsx`, `/imports/:kind`, `/exports/:name.(xlsx|csv)` and the index the gateway routes by. */
export function mountSpreadsheets<Context extends BaseContext>(app: Express, options: SpreadsheetRouteOptions<Context>): void {
  const { plug } = options;
  const kinds = new Map(plug.kinds.map((kind) => [kind.name, kind]));
  const exports = new Map(plug.exports.map((summary) => [summary.name, { summary, document: parse(summary.query) }]));
  const limit = callerRateLimit({ limitPerMinute: options.rateLimitPerMinute, skip: options.signedByGateway, callerOf: (req) => callerOf(req, options.verifyCaller) });

  /** The caller, refused as GraphQL refuses it: a bad token, a partner on another subgraph. */
  const caller = async (req: Request): Promise<Caller> => {
    const found = await callerOf(req, options.verifyCaller);
    const refusal = callerRefusal(found, { subgraph: options.subgraph });
    if (refusal) throw refusal;
    return found;
  };
  const writer = (found: Caller, kind: SheetKind<Context, object>) => {
    if (!found.role) throw requestError('FORBIDDEN', 'sign in to use the templates and imports', '');
    if (found.role !== 'national_admin' && !kind.writerRoles.includes(found.role)) {
      throw requestError('FORBIDDEN', `a ${found.role} does not write ${kind.name}`, '');
    }
  };
  const jobs = new ImportJobs(options.dbSchema);
  const kindOf = (name: string) => {
    const kind = kinds.get(name);
    if (!kind) throw requestError('NOT_FOUND', `no spreadsheet kind is named ${name}`, 'kind');
    return kind;
  };
  const handle = (route: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await route(req, res);
    } catch (error) {
      if (res.headersSent) {
        res.destroy(error as Error);
        return;
      }
      if (error instanceof GraphQLError) return refuse(req, res, error);
      const context = await options.context(req, requestIdFor(res)).catch(() => null);
      (context as { logger?: { error(o: unknown, m: string): void } } | null)?.logger?.error({ err: error }, 'spreadsheet route failed');
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
  };

  app.get('/spreadsheets', (_req, res) => {
    // `supergraph`: the exports the gateway's host runs itself (their operation), then posts here to lay out.
    const supergraph = plug.exports.flatMap((summary) => {
      const query = supergraphQueryOf(summary);
      return query ? [{ name: summary.name, query, derivedVariables: summary.derivedVariables }] : [];
    });
    res.json({ subgraph: options.subgraph, kinds: [...kinds.keys()], exports: [...exports.keys()], supergraph });
  });

  app.get('/templates/:file', limit, handle(async (req, res) => {
    const match = /^([a-z0-9-]+)\.xlsx$/.exec(String(req.params.file));
    const kind = kindOf(match?.[1] ?? String(req.params.file));
    writer(await caller(req), kind);
    const context = await options.context(req, requestIdFor(res));
    const body = await templateWorkbook(kind as SheetKind<unknown, object>, await kind.organisations(context));
    res.setHeader('content-type', XLSX_TYPE);
    res.setHeader('content-disposition', `attachment; filename="${kind.name}.xlsx"`);
    res.send(body);
  }));

  app.post('/imports/:kind', limit, handle(async (req, res) => {
    const kind = kindOf(String(req.params.kind));
    writer(await caller(req), kind);
    const format = formatOf(req.headers['content-type']);
    if (!format) throw requestError('UNSUPPORTED_MEDIA_TYPE', `send the file as ${XLSX_TYPE} or text/csv`, 'content-type');
    const mode = String(req.query.mode ?? 'all');
    if (mode !== 'all' && mode !== 'valid-rows') throw requestError('BAD_USER_INPUT', 'mode is all (the default) or valid-rows', 'mode');
    const dryRun = ['1', 'true'].includes(String(req.query.dryRun ?? ''));
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () => requestError('PAYLOAD_TOO_LARGE', `a file is at most ${importMaxBytes()} bytes`, 'body');
    if (declared > importMaxBytes()) throw tooLarge();
    const asynchronous = ['1', 'true'].includes(String(req.query.async ?? '')) || /\brespond-async\b/i.test(String(req.headers.prefer ?? ''));
    const requestId = requestIdFor(res);
    if (asynchronous && jobs.full) {
      res.setHeader('retry-after', '30');
      throw requestError('IMPORTS_BUSY', 'Đang có quá nhiều tệp chờ nhập; hãy gửi lại sau ít phút', 'async');
    }
    // The whole body first, on disk: the reader then never races a stream still arriving, a
    // truncated upload is refused whole, and memory holds one chunk of it.
    const file = await spool(req, importMaxBytes(), tooLarge, requestId);
    const context = await options.context(req, requestId).catch(async (error: unknown) => {
      await file.remove();
      throw error;
    });
    const work = async (): Promise<ImportAnswer> => {
      try {
        const rows = format === 'xlsx' ? xlsxRows(file.path, (cells) => isHeaderRow(kind as SheetKind<unknown, object>, cells)) : csvRows(createReadStream(file.path));
        const report = await runImport({ kind, context, schema: options.schema, dbSchema: options.dbSchema, rows, mode: mode as ImportMode, dryRun, fileSha256: () => file.sha256 });
        // 200 when written (or, on a dry run, when it would be); 422 when rows failed, listed with their row and column.
        const fileLevel = report.errors.some((error) => error.code === 'MISSING_COLUMN' || error.code === 'NO_DATA_SHEET');
        return { status: report.errorCount > 0 && (mode === 'all' || fileLevel) ? 422 : 200, body: report };
      } catch (error) {
        // A file that is not what it claims (a broken or truncated zip, a text that is no CSV) is the caller's error.
        if (error instanceof NotASpreadsheet) return errorAnswer(req, notASpreadsheet(format, error.reason), requestId);
        if (error instanceof GraphQLError) return errorAnswer(req, error, requestId);
        throw error;
      } finally {
        await file.remove();
      }
    };
    if (!asynchronous) {
      const answer = await work();
      res.status(answer.status).json(answer.body);
      return;
    }
    // Asynchronous: 202 once the file is on disk, the import then runs here; its answer is kept for GET Location.
    const jobEm = context.em.fork();
    const id = await jobs.create(jobEm, { kind: kind.name, requestedBy: context.caller.subject ?? '', requestId }).catch(async (error: unknown) => {
      await file.remove();
      throw error;
    });
    const location = `/imports/jobs/${jobPublicId(kind.name, id)}`;
    res.status(202).setHeader('location', location).setHeader('preference-applied', 'respond-async').setHeader('retry-after', '2');
    res.json({ jobId: jobPublicId(kind.name, id), kind: kind.name, state: 'running', location, requestId });
    const logger = (context as { logger?: { error(o: unknown, m: string): void } }).logger;
    void jobs.run(jobEm, id, requestId, work, (error) => logger?.error({ err: error, job: id }, 'asynchronous import failed'));
  }));

  /** An asynchronous import: 202 while it runs, then the synchronous import's own status and answer; only its caller sees it. */
  app.get('/imports/jobs/:id', limit, handle(async (req, res) => {
    const parsed = parseJobId(String(req.params.id));
    const found = await caller(req);
    if (!found.subject) throw requestError('FORBIDDEN', 'sign in to read an import', '');
    const unknown = () => requestError('NOT_FOUND', `no import of yours is named ${req.params.id}`, 'id');
    if (!parsed || !kinds.has(parsed.kind)) throw unknown();
    const context = await options.context(req, requestIdFor(res));
    const job = await jobs.read(context.em, parsed.kind, parsed.id);
    // Another caller's job is answered as one that is not there.
    if (!job || job.requestedBy !== found.subject) throw unknown();
    if (job.state === 'running') {
      res.status(202).setHeader('retry-after', '2');
      res.json({ jobId: req.params.id, kind: job.kind, state: job.state, requestId: job.requestId, createdAt: job.createdAt, heartbeatAt: job.heartbeatAt });
      return;
    }
    res.status(job.status ?? 500).setHeader('x-import-state', job.state).json(job.answer);
  }));

  app.get('/exports/:file', limit, handle(async (req, res) => {
    const match = /^([a-z0-9-]+)\.(xlsx|csv)$/.exec(String(req.params.file));
    const found = match ? exports.get(match[1]) : undefined;
    if (!match || !found) throw requestError('NOT_FOUND', `no export is named ${req.params.file}`, 'name');
    await caller(req);
    if (found.summary.runsOn === 'supergraph') throw servedByGateway(found.summary.name);
    const fromQuery = withDerivedVariables(queryVariables(options.schema, found.document, req.query as Record<string, string | string[]>), found.summary.derivedVariables);
    const variables = found.summary.variables ? { ...fromQuery, ...found.summary.variables(fromQuery) } : fromQuery;
    const contextValue = await options.context(req, requestIdFor(res));
    const response = await options.apollo.executeOperation({ query: found.summary.query, variables }, { contextValue });
    const result = response.body.kind === 'single' ? response.body.singleResult : null;
    const error = result?.errors?.[0];
    if (!result || error || !result.data) {
      const extensions = error?.extensions ?? { code: 'INTERNAL_SERVER_ERROR' };
      throw new GraphQLError(error?.message ?? 'the summary could not be read', { extensions });
    }
    await sendExport(res, found.summary, match[2], result.data as Record<string, unknown>, variables);
  }));

  /**
   * A supergraph export's answer, as the gateway's host read it over the supergraph for its
   * caller, laid out here by the export's own `table`: only the gateway (its key) posts here.
   */
  const supergraphExport = (file: unknown) => {
    const match = /^([a-z0-9-]+)\.(xlsx|csv)$/.exec(String(file));
    const found = match ? exports.get(match[1]) : undefined;
    return match && found && supergraphQueryOf(found.summary) ? { summary: found.summary, format: match[2] } : null;
  };
  // Refused before the body is read: only the gateway's answer is parsed.
  const fromGateway = (req: Request, res: Response, next: () => void) => {
    const found = supergraphExport(req.params.file);
    if (!found) return refuse(req, res, requestError('NOT_FOUND', `no export to lay out is named ${req.params.file}`, 'name'));
    if (!options.signedByGateway(req)) return refuse(req, res, servedByGateway(found.summary.name));
    next();
  };
  app.post('/exports/:file', limit, fromGateway, express.json({ limit: '8mb' }), handle(async (req, res) => {
    const { summary, format } = supergraphExport(req.params.file)!;
    const body = req.body as { data?: Record<string, unknown>; variables?: Record<string, unknown> } | undefined;
    if (!body?.data) throw requestError('BAD_USER_INPUT', 'post the supergraph answer as { data, variables }', 'body');
    await sendExport(res, summary, format, body.data, body.variables ?? {});
  }));
}

/** SERVED_BY_GATEWAY (404): a supergraph export asked of a subgraph, which cannot read the figures alone. */
const servedByGateway = (name: string) =>
  requestError('SERVED_BY_GATEWAY', `Báo cáo ${name} tổng hợp số liệu của nhiều phân hệ: chỉ tải được qua máy chủ gateway (/exports/${name}.xlsx trên gateway)`, 'name');

async function sendExport(res: Response, summary: SummaryExport, format: string, data: Record<string, unknown>, variables: Record<string, unknown>): Promise<void> {
  const table = summary.table(data, variables);
  res.setHeader('content-type', format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${summary.name}.${format}"`);
  if (format === 'xlsx') await writeXlsx(table, res);
  else await writeCsv(table, res);
}

/** NOT_A_SPREADSHEET (400): the body is not the XLSX or CSV its media type says; `detail` says what the reader found. */
export const notASpreadsheet = (format: SheetFormat, reason: string) =>
  new GraphQLError(`Không đọc được tệp ${format.toUpperCase()}: tệp hỏng, bị cắt dở hoặc không phải bảng tính ${format.toUpperCase()}`, {
    extensions: { code: 'NOT_A_SPREADSHEET', field: 'body', detail: reason },
  });

/**
 * The operation's variables from a query string, typed by the operation's own variable
 * definitions: an input object's fields as `name.field`, a list repeated or comma-separated,
 * numbers and booleans as such. The GraphQL coercion then checks them as it checks any request.
 */
export function queryVariables(schema: GraphQLSchema, document: DocumentNode, query: Record<string, string | string[] | undefined>): Record<string, unknown> {
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const variables: Record<string, unknown> = {};
  for (const definition of operation?.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
    if (!type) continue;
    const value = fromQuery(type, definition.variable.name.value, query);
    if (value !== undefined) variables[definition.variable.name.value] = value;
  }
  return variables;
}

function fromQuery(type: GraphQLInputType, key: string, query: Record<string, string | string[] | undefined>): unknown {
  const nullable = getNullableType(type);
  if (isInputObjectType(nullable)) {
    const object: Record<string, unknown> = {};
    for (const field of Object.values(nullable.getFields())) {
      const value = fromQuery(field.type, `${key}.${field.name}`, query);
      if (value !== undefined) object[field.name] = value;
    }
    return Object.keys(object).length ? object : undefined;
  }
  const raw = query[key];
  if (raw === undefined) return undefined;
  const values = Array.isArray(raw) ? raw : [raw];
  if (isListType(nullable)) return values.flatMap((value) => value.split(',')).filter(Boolean).map((value) => scalarFromText(getNamedType(nullable) as GraphQLInputType, value));
  return scalarFromText(nullable as GraphQLInputType, values[values.length - 1]);
}

function scalarFromText(type: GraphQLInputType, text: string): unknown {
  if (isEnumType(type)) return text;
  if (isScalarType(type) && (type.name === 'Int' || type.name === 'Float' || type.name === 'Vnd')) return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  if (isScalarType(type) && type.name === 'Boolean') return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : text;
  return text;
}
