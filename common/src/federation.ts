import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { getMetadataStorage, validateOrReject, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { guardTextArguments } from './input-rules.ts';

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReferenceResolvers = Record<string, { __resolveReference(reference: any, context: any): unknown }>;

/** type-graphql's own defaults for class-validator: a missing optional field is not checked. */
const VALIDATOR_OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/** Whether class-validator has any rule for objects of this class, found once per class. */
const rulesByClass = new WeakMap<object, boolean>();

/**
 * An object whose class carries no rule (a page's `first`/`after`, most filters) is valid as it is:
 * class-validator would still search its rules among every class's on each call.
 */
function hasRules(value: object): boolean {
  const target: unknown = value.constructor;
  // No class to look up (a null-prototype object): class-validator judges it, as before.
  if (typeof target !== 'function') return true;
  let known = rulesByClass.get(target);
  if (known === undefined) rulesByClass.set(target, (known = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false).length > 0));
  return known;
}

const needsValidation = (value: unknown): value is object => isObject(value) && hasRules(value);

/**
 * What type-graphql's `validate` setting does (class-validator on every object argument, each
 * object of a list), with class-validator loaded once: type-graphql's own path awaits
 * `import("class-validator")` for every argument it validates, a twenty-fifth of a request's CPU.
 */
export async function validateArgument(value: unknown): Promise<void> {
  if (!isObject(value)) return;
  try {
    if (Array.isArray(value)) await Promise.all(value.filter(needsValidation).map((item) => validateOrReject(item, VALIDATOR_OPTIONS)));
    else if (hasRules(value)) await validateOrReject(value, VALIDATOR_OPTIONS);
  } catch (error) {
    throw new ArgumentValidationError(error as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
}

/**
 * type-graphql builds the types; Apollo's subgraph library adds `_entities`/`_service`. The
 * reference resolvers must be in the map handed to `buildSubgraphSchema`: added later they are
 * silently ignored.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'validate' | 'validateFn'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, validateFn: validateArgument });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return guardTextArguments(buildSubgraphSchema([{ typeDefs, resolvers }]));
}
