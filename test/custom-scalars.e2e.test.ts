import { readdirSync, readFileSync } from 'node:fs';
import {
  astFromValue,
  buildSchema,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  print,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { COMPOSED_FILES } from '../scripts/schema-files.ts';
import { CUSTOM_SCALARS } from '@hoi/common/scalars';
import { gatewayUrl, subgraphUrl, tokenFor } from './graphql.ts';

/**
 * Bad values of each custom scalar, as JSON text: the same text is a GraphQL literal, so each is
 * sent both as a variable and inline. 2^53+1 is written out, as a JS number cannot hold it.
 */
const BAD_VALUES: Record<string, string[]> = {
  Vnd: ['9007199254740993', '1.5', '"100"', 'true'],
  VndTotal: ['100', '"1.5"', '"abc"', '""'],
  WholeNumber: ['100', '"-"', '"1e3"', '""'],
  LocalDate: ['"2025-02-30"', '""', '"99999-01-01"', '"2025-13-01"', '20250101'],
};

/** A valid value of an input type, made up from the type alone: what surrounds the bad value. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((field) => isNonNullType(field.type)).map((field) => [field.name, sample(field.type)]));
  }
  switch (type.name) {
    case 'ID': return '00000000-0000-4000-8000-000000000000';
    case 'String': return 'x';
    case 'Boolean': return true;
    case 'LocalDate': return '2024-01-02';
    case 'Vnd': case 'Int': case 'Float': return 1;
    default: return '1';
  }
}

interface Case {
  subgraph: string;
  scalar: string;
  /** The mutation, its argument and the path of input fields down to the scalar. */
  mutation: string;
  argument: string;
  argumentType: GraphQLInputType;
  path: string[];
}

/** Every place a custom scalar is an argument of a mutation, directly or inside input objects: the first per scalar and subgraph. */
function casesOf(subgraph: string, schema: GraphQLSchema): Case[] {
  const found = new Map<string, Case>();
  const visit = (base: Omit<Case, 'scalar' | 'path'>, type: GraphQLInputType, path: string[], seen: Set<string>) => {
    const named = getNullableType(type);
    const inner = isListType(named) ? getNullableType(named.ofType) : named;
    if (isScalarType(inner) && BAD_VALUES[inner.name] && !isListType(named) && !found.has(inner.name)) found.set(inner.name, { ...base, scalar: inner.name, path });
    if (isInputObjectType(inner) && !isListType(named) && !seen.has(inner.name)) {
      for (const field of Object.values(inner.getFields())) visit(base, field.type, [...path, field.name], new Set([...seen, inner.name]));
    }
  };
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    for (const argument of field.args) visit({ subgraph, mutation: field.name, argument: argument.name, argumentType: argument.type }, argument.type, [], new Set());
  }
  return [...found.values()];
}

const SCHEMA_DIR = new URL('../schema/', import.meta.url);
const subgraphSchemas = readdirSync(SCHEMA_DIR)
  .filter((file) => file.endsWith('.graphql') && !COMPOSED_FILES.includes(file))
  .map((file) => [file.replace(/\.graphql$/, ''), buildSchema(readFileSync(new URL(file, SCHEMA_DIR), 'utf8'))] as const);
const cases = subgraphSchemas.flatMap(([name, schema]) => casesOf(name, schema));
const inputScalars = new Set(cases.map((entry) => entry.scalar));

/** The argument's sample with the bad value (as JSON text) at the path, as a JSON text and as a GraphQL literal. */
function withBadValue(entry: Case, bad: string): { json: string; literal: string; offset: number } {
  const MARK = '__BAD_VALUE__';
  const value = sample(entry.argumentType);
  if (entry.path.length === 0) return { json: bad, literal: bad, offset: 0 };
  let holder = value as Record<string, unknown>;
  for (const key of entry.path.slice(0, -1)) holder = (holder[key] ??= {}) as Record<string, unknown>;
  holder[entry.path.at(-1)!] = MARK;
  const printed = print(astFromValue(value, entry.argumentType)!);
  return { json: JSON.stringify(value).replace(`"${MARK}"`, bad), literal: printed.replace(`"${MARK}"`, bad), offset: printed.indexOf(`"${MARK}"`) };
}

async function post(url: string, body: string, token: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${token}` },
    body,
  });
  const result = (await response.json()) as { data?: unknown; errors?: { message: string; locations?: { line: number; column: number }[]; extensions?: Record<string, unknown> }[] };
  return { status: response.status, ...result };
}

describe('custom scalars refuse bad values alike on the gateway and on the subgraph', () => {
  it('has a case for every custom scalar that an input takes, and bad values for every custom scalar', () => {
    expect([...inputScalars].sort()).toEqual(['LocalDate', 'Vnd']);
    for (const scalar of CUSTOM_SCALARS) expect(BAD_VALUES[scalar.name], scalar.name).toBeDefined();
  });

  const matrix = cases.flatMap((entry) =>
    BAD_VALUES[entry.scalar].flatMap((bad) =>
      (['variable', 'literal'] as const).flatMap((form) =>
        (['gateway', 'subgraph'] as const).map((path) => ({ ...entry, bad, form, via: path, name: `${entry.scalar} ${bad} as a ${form} of ${entry.subgraph}'s ${entry.mutation}.${[entry.argument, ...entry.path].join('.')} via the ${path}` })),
      ),
    ),
  );

  it.each(matrix)('$name', async ({ bad, form, via, subgraph, mutation, argument, argumentType, ...entry }) => {
    const token = await tokenFor({ role: 'national_admin' });
    const url = via === 'gateway' ? gatewayUrl() : subgraphUrl(subgraph);
    const { json, literal, offset } = withBadValue({ subgraph, mutation, argument, argumentType, ...entry }, bad);
    const literalAt = `mutation { ${mutation}(${argument}: `;
    const body = form === 'variable'
      ? `{"query": ${JSON.stringify(`mutation ($value: ${String(argumentType)}) { ${mutation}(${argument}: $value) { __typename } }`)}, "variables": {"value": ${json}}}`
      : JSON.stringify({ query: `${literalAt}${literal}) { __typename } }` });
    const result = await post(url, body, token);
    expect(result.status, JSON.stringify(result)).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0].extensions?.code, JSON.stringify(result)).toBe(form === 'variable' ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED');
    // A variable's error names it and the field at fault; a literal's points at it in the document.
    if (form === 'variable') expect(result.errors?.[0].message).toContain(`"value.${entry.path.join('.')}"`);
    else expect(result.errors?.[0].locations?.[0], JSON.stringify(result)).toMatchObject({ line: 1, column: literalAt.length + offset + 1 });
  });
});
