import { readdirSync, readFileSync } from 'node:fs';
import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema, type GraphQLSchema, parse, TypeInfo, validate, visit, visitWithTypeInfo } from 'graphql';
import { composeSdls, OPERATIONS_DIR, SCHEMA_DIR, subgraphSdlsFromCode } from './composition.ts';

/** The client schema's section name in a report. */
export const CLIENT_SCHEMA = 'api.graphql';

export interface SchemaChange {
  level: 'breaking' | 'dangerous' | 'safe';
  /** Schema coordinate, e.g. `AdministrativeUnit.level`. */
  path: string;
  message: string;
  /** For the client schema: the trusted documents that use what changed. */
  usedBy: string[];
}

export interface CompositionError {
  code: string;
  subgraphs: string[];
  message: string;
}

export interface SchemaCheckReport {
  compositionErrors: CompositionError[];
  /** Per subgraph, then the client schema (`api.graphql`): what changed against the committed SDL. */
  sections: { name: string; note?: string; changes: SchemaChange[] }[];
  /** Trusted documents that no longer validate against the new client schema, with graphql's reasons. */
  brokenOperations: { operation: string; errors: string[] }[];
  /** Composes, and no trusted document uses a breaking change. */
  ok: boolean;
}

export interface SchemaCheckInput {
  /** Each subgraph's SDL by name; by default as the code in the working tree prints it. */
  workingTree?: Record<string, string>;
  /** The committed files of `schema/` by file name (`places.graphql`, `api.graphql`, …); by default read from disk. */
  committed?: Record<string, string>;
  /** Trusted documents by name; by default `operations/*.graphql`. */
  operations?: Record<string, string>;
}

const LEVELS: Record<CriticalityLevel, SchemaChange['level']> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

function readGraphqlFiles(dir: URL): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.graphql')).sort()) {
    files[name] = readFileSync(new URL(name, dir), 'utf8');
  }
  return files;
}

export const readCommittedSchemas = (): Record<string, string> => readGraphqlFiles(SCHEMA_DIR);

export function readOperations(): Record<string, string> {
  return Object.fromEntries(Object.entries(readGraphqlFiles(OPERATIONS_DIR)).map(([file, text]) => [file.replace(/\.graphql$/, ''), text]));
}

/**
 * Composes the working tree's subgraphs, diffs each subgraph and the client schema against the
 * committed ones, and judges breaking changes by the trusted documents that use them.
 */
export async function checkSchema(input: SchemaCheckInput = {}): Promise<SchemaCheckReport> {
  const workingTree = input.workingTree ?? (await subgraphSdlsFromCode());
  const committed = input.committed ?? readCommittedSchemas();
  const operations = input.operations ?? readOperations();

  const { errors, schema } = composeOrReport(workingTree);
  const sections: SchemaCheckReport['sections'] = [];
  for (const [name, sdl] of Object.entries(workingTree)) {
    sections.push(await section(name, committed[`${name}.graphql`], sdl));
  }
  const brokenOperations: SchemaCheckReport['brokenOperations'] = [];
  if (schema) {
    const oldApi = buildSchema(committed[CLIENT_SCHEMA] ?? '');
    const api = await section(CLIENT_SCHEMA, committed[CLIENT_SCHEMA], schema);
    for (const [operation, text] of Object.entries(operations)) {
      const document = parse(text);
      const uses = coordinatesUsed(oldApi, text);
      for (const change of api.changes) {
        if (change.level === 'breaking' && touches(uses, change.path)) change.usedBy.push(operation);
      }
      const invalid = validate(schema, document);
      if (invalid.length) brokenOperations.push({ operation, errors: invalid.map((error) => error.message) });
    }
    sections.push(api);
  }
  const usedBreaking = sections.flatMap(({ changes }) => changes).some(({ usedBy }) => usedBy.length > 0);
  return { compositionErrors: errors, sections, brokenOperations, ok: !errors.length && !brokenOperations.length && !usedBreaking };
}

function composeOrReport(sdls: Record<string, string>): { errors: CompositionError[]; schema?: GraphQLSchema } {
  let result;
  try {
    result = composeSdls(sdls);
  } catch (error) {
    // A subgraph SDL that does not even parse; graphql's message gives line and column.
    const subgraph = Object.entries(sdls).find(([, sdl]) => !parses(sdl))?.[0];
    return { errors: [{ code: 'INVALID_GRAPHQL', subgraphs: subgraph ? [subgraph] : [], message: (error as Error).message }] };
  }
  if (result.errors) {
    return {
      errors: result.errors.map((error) => ({
        code: String(error.extensions?.code ?? 'COMPOSITION_ERROR'),
        subgraphs: [...new Set((error.nodes ?? []).map((node) => (node as { subgraph?: string }).subgraph).filter((name): name is string => !!name))].sort(),
        message: error.message,
      })),
    };
  }
  return { errors: [], schema: result.schema.toAPISchema().toGraphQLJSSchema() };
}

function parses(sdl: string): boolean {
  try {
    parse(sdl);
    return true;
  } catch {
    return false;
  }
}

async function section(name: string, committedSdl: string | undefined, current: string | GraphQLSchema): Promise<SchemaCheckReport['sections'][number]> {
  if (committedSdl === undefined) return { name, note: 'new: nothing committed to compare with', changes: [] };
  let newSchema: GraphQLSchema;
  try {
    newSchema = typeof current === 'string' ? buildSchema(current) : current;
  } catch (error) {
    return { name, note: `not compared: ${(error as Error).message}`, changes: [] };
  }
  const changes: Change[] = await diff(buildSchema(committedSdl), newSchema);
  return {
    name,
    changes: changes.map((change) => ({ level: LEVELS[change.criticality.level], path: change.path ?? '', message: change.message, usedBy: [] })),
  };
}

/** The schema coordinates an operation reads or passes (types, fields, arguments, input fields, enum values). */
function coordinatesUsed(schema: GraphQLSchema, text: string): Set<string> {
  const used = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    parse(text),
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent) used.add(`${parent.name}.${node.name.value}`);
      },
      Argument(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field) used.add(`${parent.name}.${field.name}.${node.name.value}`);
      },
      ObjectField(node) {
        const input = typeInfo.getParentInputType();
        if (input && 'name' in input) used.add(`${input.name}.${node.name.value}`);
      },
      EnumValue(node) {
        const type = typeInfo.getInputType();
        if (type && 'name' in type) used.add(`${type.name}.${node.value}`);
      },
      NamedType(node) {
        used.add(node.name.value);
      },
    }),
  );
  return used;
}

function touches(used: Set<string>, path: string): boolean {
  if (!path) return false;
  for (const coordinate of used) if (coordinate === path || coordinate.startsWith(`${path}.`)) return true;
  return false;
}

const LABELS: Record<SchemaChange['level'], string> = { breaking: 'BREAKING ', dangerous: 'dangerous', safe: 'safe     ' };

/** The report as `npm run schema:check` prints it. */
export function formatReport(report: SchemaCheckReport): string {
  const lines: string[] = [];
  for (const error of report.compositionErrors) {
    lines.push(`COMPOSITION ERROR ${error.code} in ${error.subgraphs.join(', ') || 'the supergraph'}: ${error.message}`);
  }
  for (const { name, note, changes } of report.sections) {
    const counts = (['breaking', 'dangerous', 'safe'] as const).map((level) => `${changes.filter((change) => change.level === level).length} ${level}`);
    lines.push(`${name === CLIENT_SCHEMA ? 'client schema (api.graphql)' : `subgraph ${name}`}: ${note ?? (changes.length ? counts.join(', ') : 'no changes')}`);
    for (const level of ['breaking', 'dangerous', 'safe'] as const) {
      for (const change of changes.filter((candidate) => candidate.level === level)) {
        const usage = name !== CLIENT_SCHEMA || level !== 'breaking' ? '' : change.usedBy.length ? `  <- used by ${change.usedBy.join(', ')}` : '  (no trusted document uses it)';
        lines.push(`  ${LABELS[level]}  ${change.path.padEnd(40)} ${change.message}${usage}`);
      }
    }
  }
  for (const { operation, errors } of report.brokenOperations) {
    lines.push(`trusted document ${operation} no longer validates: ${errors.join(' ')}`);
  }
  const breaking = report.sections.flatMap(({ changes }) => changes).filter(({ level }) => level === 'breaking');
  const used = new Set(breaking.filter(({ usedBy }) => usedBy.length).map(({ path }) => path));
  const unused = new Set(breaking.map(({ path }) => path).filter((path) => !used.has(path))).size;
  if (report.ok) {
    lines.push(unused ? `OK, with a warning: ${unused} breaking change(s) that no trusted document uses; other clients may still use them.` : 'OK: no breaking change.');
  } else {
    const reasons = [];
    if (report.compositionErrors.length) reasons.push(`${report.compositionErrors.length} composition error(s)`);
    if (used.size || report.brokenOperations.length) reasons.push(`${used.size} breaking change(s) used by trusted documents (${report.brokenOperations.length} no longer validate)`);
    lines.push(`FAILED: ${reasons.join('; ')}.`);
  }
  return lines.join('\n');
}
