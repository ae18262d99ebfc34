import { readFileSync, readdirSync } from 'node:fs';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNullableType,
  isInputObjectType,
  isListType,
  parse,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { SCHEMA_DIR } from '../../scripts/composition.ts';
import { COMPOSED_FILES } from '../../scripts/schema-files.ts';
import { graphql } from '../graphql.ts';
import { fieldVariants, leafVariants, prng, type FuzzClass, type Variant } from './values.ts';

/** The API as clients see it, read by introspection from the gateway. */
export async function introspect(url: string): Promise<GraphQLSchema> {
  const result = await graphql<IntrospectionQuery>(url, getIntrospectionQuery());
  if (!result.data) throw new Error(`introspection failed: ${JSON.stringify(result.errors)}`);
  return buildClientSchema(result.data);
}

/** Which subgraph owns each mutation, from the committed subgraph SDL. */
export function mutationOwners(): Record<string, string> {
  const owners: Record<string, string> = {};
  for (const file of readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.graphql') && !COMPOSED_FILES.includes(name))) {
    const document = parse(readFileSync(new URL(file, SCHEMA_DIR), 'utf8'));
    for (const definition of document.definitions) {
      if ((definition.kind === 'ObjectTypeDefinition' || definition.kind === 'ObjectTypeExtension') && definition.name.value === 'Mutation') {
        for (const field of definition.fields ?? []) owners[field.name.value] = file.replace(/\.graphql$/, '');
      }
    }
  }
  return owners;
}

export interface FuzzCase {
  id: number;
  operation: string;
  /** The subgraph that owns the field; the case is sent to it directly and through the gateway. */
  subgraph: string;
  query: string;
  variables: Record<string, unknown>;
  /** The argument path the bad value sits at, e.g. `input.period.index`. */
  path: string;
  variant: Variant;
}

const clone = <T>(value: T): T => structuredClone(value);

function setAt(root: Record<string, unknown>, path: (string | number)[], variant: Variant, fieldValue: unknown): void {
  let holder = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
  const key = path.at(-1)!;
  if (variant.remove) delete holder[key];
  else if (variant.value === 'COPIES') holder[key] = Array.from({ length: 1000 }, () => clone((fieldValue as unknown[])[0]));
  else if (variant.value === 'UNKNOWN_FIELD') holder[key] = { ...(fieldValue as object), notAField: 1 };
  else holder[key] = clone(variant.value);
}

/**
 * Every way to make one field of a valid input bad: the field's own variants (null, missing, wrong
 * shape), its leaf type's bad values, and the same for every field inside it, recursively (lists
 * through their first element). Fields the valid input leaves out are fuzzed too.
 */
function* fieldPaths(type: GraphQLInputType, value: unknown, path: (string | number)[], idsByKind: Record<string, string[]>): Generator<[(string | number)[], Variant, unknown]> {
  for (const variant of fieldVariants(type)) {
    if ((variant.value === 'COPIES' || variant.value === 'UNKNOWN_FIELD') && value == null) continue;
    yield [path, variant, value];
  }
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (Array.isArray(value) && value.length) yield* fieldPaths(nullable.ofType, value[0], [...path, 0], idsByKind);
    else for (const variant of leafVariants(nullable.ofType, [])) yield [[...path], { ...variant, value: [variant.value] }, value];
    return;
  }
  if (isInputObjectType(nullable)) {
    if (value == null || typeof value !== 'object') return;
    for (const field of Object.values(nullable.getFields())) yield* fieldPaths(field.type, (value as Record<string, unknown>)[field.name], [...path, field.name], idsByKind);
    return;
  }
  // Ids of every other kind of record than the one the valid input names here.
  const otherIds = Object.values(idsByKind).filter((ids) => !ids.includes(value as string)).map((ids) => ids[0]);
  for (const variant of leafVariants(type, otherIds)) {
    if (variant.value !== value) yield [path, variant, value];
  }
}

const variableDefinitions = (args: readonly GraphQLArgument[]) => args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');

/** One case per (mutation, field path, bad value), from each mutation's valid input. */
export function mutationCases(schema: GraphQLSchema, valid: Record<string, Record<string, unknown>>, idsByKind: Record<string, string[]>): Omit<FuzzCase, 'id'>[] {
  const owners = mutationOwners();
  const cases: Omit<FuzzCase, 'id'>[] = [];
  for (const field of Object.values(schema.getMutationType()!.getFields())) {
    const base = valid[field.name];
    if (!base) throw new Error(`the fuzz suite has no valid input for the mutation ${field.name}: add one to test/fuzz/fixtures.ts`);
    const args = field.args;
    const query = `mutation (${variableDefinitions(args)}) { ${field.name}(${args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')}) { __typename } }`;
    const variables = { input: base };
    for (const arg of args) {
      for (const [path, variant, fieldValue] of fieldPaths(arg.type, variables[arg.name as 'input'], [arg.name], idsByKind)) {
        const mutated = clone(variables) as Record<string, unknown>;
        setAt(mutated, path, variant, fieldValue);
        cases.push({ operation: field.name, subgraph: owners[field.name], query, variables: mutated, path: path.join('.'), variant });
      }
    }
  }
  return cases;
}

/** A list to page through: the query, its variables but `after`, and a real cursor of it. */
export interface CursorTarget {
  name: string;
  subgraph: string;
  query: string;
  variables: Record<string, unknown>;
  cursor: string;
}

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');

/** Garbage cursors and real cursors with their keys swapped for keys of the wrong type. */
export function cursorCases(targets: CursorTarget[]): Omit<FuzzCase, 'id'>[] {
  const cases: Omit<FuzzCase, 'id'>[] = [];
  for (const target of targets) {
    const keys = JSON.parse(Buffer.from(target.cursor, 'base64url').toString('utf8')) as unknown[];
    const bad: [string, string][] = [
      ['garbage', 'not a cursor!'],
      ['base64 of garbage', b64('{{{')],
      ['base64 of an object', b64({ id: 1 })],
      ['base64 of an empty list', b64([])],
      ['base64 of a number', b64(42)],
      ['base64 of a NUL string', b64(['\u0000'])],
      ['10,000 characters', 'A'.repeat(10_000)],
      ['keys shifted', b64([...keys.slice(1), keys[0]])],
      ['one key too many', b64([...keys, 'x'])],
    ];
    // A key of another type that its column can still read (a word for a name) pages from there:
    // those need not be refused, only never answered with a server error.
    const wrong: [string, unknown, boolean][] = [
      ['a word', 'not-a-key', false],
      ['a big number', 2 ** 53 + 10, true],
      ['a fraction', 1.5, true],
      ['null', null, true],
      ['a list', [1], true],
      ['an object', { a: 1 }, true],
      ['a boolean', true, true],
      ['a date', '2025-02-30', false],
      ['a uuid', '00000000-0000-4000-8000-000000000000', false],
      ['a long string', 'x'.repeat(2000), true],
      ['a negative number', -1, false],
    ];
    // Shifted keys may still be keys of the right types (two numbers): they page from there.
    const refuse = new Set(bad.map(([label]) => label).filter((label) => label !== 'keys shifted'));
    keys.forEach((_, index) => {
      for (const [label, key, mustRefuse] of wrong) {
        bad.push([`key ${index} is ${label}`, b64(keys.map((k, i) => (i === index ? key : k)))]);
        if (mustRefuse) refuse.add(`key ${index} is ${label}`);
      }
    });
    for (const [label, after] of bad) {
      cases.push({
        operation: target.name,
        subgraph: target.subgraph,
        query: target.query,
        variables: { ...target.variables, after },
        path: 'after',
        variant: { cls: 'cursor' as FuzzClass, label, value: after, mustRefuse: refuse.has(label) },
      });
    }
  }
  return cases;
}

/**
 * `count` of the generated cases, the same for one seed: taken in turn from each operation's
 * shuffled cases, so every mutation and list is fuzzed however few cases are asked for; asked for
 * more than there are, all of them and then again in another order.
 */
export function sample<T extends { operation: string }>(all: T[], count: number, seed: number): T[] {
  if (count >= all.length) return [...all, ...pick(all, count - all.length, seed)];
  const queues = [...Map.groupBy(pick(all, all.length, seed), (item) => item.operation).values()];
  const picked: T[] = [];
  for (let round = 0; picked.length < count; round++) {
    for (const queue of queues) if (round < queue.length && picked.length < count) picked.push(queue[round]);
  }
  return picked;
}

/** The items in an order the seed fixes; more than there are repeats them shuffled again. */
export function pick<T>(all: T[], count: number, seed: number): T[] {
  const random = prng(seed);
  const picked: T[] = [];
  while (picked.length < count) {
    const round = [...all];
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [round[i], round[j]] = [round[j], round[i]];
    }
    picked.push(...round.slice(0, count - picked.length));
  }
  return picked;
}

const UNIQUE_NAME = /^(name|title|personName|fullName)$/;

/**
 * Names made unique per case (but at the path being fuzzed), so that a case whose bad value is
 * accepted does not make every later case a CONFLICT on the name before its own field is read.
 */
export function withFreshNames<T extends Omit<FuzzCase, 'id'>>(fuzzCase: T, id: number): T {
  const visit = (value: unknown, path: string): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => visit(item, `${path}.${index}`));
    if (value == null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => {
        const innerPath = `${path}.${key}`;
        // An enum value (upper case, EXCELLENT_LABOUR_COLLECTIVE) is no name, whatever its field is called.
        if (UNIQUE_NAME.test(key) && typeof inner === 'string' && inner !== inner.toUpperCase() && innerPath !== fuzzCase.path) return [key, `${inner} ${id}`];
        return [key, visit(inner, innerPath)];
      }),
    );
  };
  return { ...fuzzCase, variables: { ...fuzzCase.variables, input: visit(fuzzCase.variables.input, 'input') } };
}
