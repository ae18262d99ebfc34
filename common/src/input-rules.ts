import {
  defaultFieldResolver,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from './errors.ts';

/**
 * Rules every text argument of the API obeys, on every subgraph, whatever field it is for. They
 * are checked on the arguments as the resolver would receive them (variables and literals alike),
 * so no text reaches SQL that PostgreSQL cannot store (NUL), stores changed (a lone surrogate
 * becomes U+FFFD) or that a reader cannot see (control and bidi characters, invisible names).
 */
export const MAX_TEXT_LENGTH = 10_000;
export const MAX_NAME_LENGTH = 300;

// C0 controls but tab and newline, DEL and C1 controls, bidi embeddings/overrides/isolates and marks,
// noncharacters, U+FFFD (text already damaged on its way), and halves of surrogate pairs alone.
const FORBIDDEN =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFDD0-\uFDEF\uFFFD\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;
// Zero-width and other format characters, spaces of every kind and combining marks: none is seen alone.
const INVISIBLE = /[\p{Cf}\p{Z}\s\p{M}]/gu;
/** Fields that name someone or something: names, titles. */
const NAME_FIELD = /^(name|title|[a-z]\w*Name)$/;

export type TextKind = 'name' | 'text';

export const textKindOf = (field: string): TextKind => (NAME_FIELD.test(field) ? 'name' : 'text');

/** Why a text is refused, or null. A name needs a letter once invisible characters are gone. */
export function textProblem(value: string, kind: TextKind): string | null {
  const max = kind === 'name' ? MAX_NAME_LENGTH : MAX_TEXT_LENGTH;
  if (value.length > max) return `at most ${max} characters`;
  const bad = FORBIDDEN.exec(value);
  if (bad) return `contains a character that is not allowed in text (U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  const visible = value.replace(INVISIBLE, '');
  if (kind === 'name' && !/\p{L}/u.test(visible)) return 'a name needs at least one letter';
  if (!visible) return 'must not be blank: leave it out instead';
  return null;
}

/** Checks one value of an input type in place: strings become NFC, bad text throws with its path. */
export function checkInputText(type: GraphQLInputType, holder: Record<string, unknown>, key: string): void {
  checkValue(type, holder[key], '', key, holder, key);
}

function checkValue(type: GraphQLInputType, value: unknown, path: string, field: string, holder: Record<string, unknown> | unknown[], key: string | number): void {
  if (value == null) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    // Objects in a list are named by their index (`partners.0.name`, as class-validator names them); a text in a list by the list.
    const itemPath = (index: number) => (isInputObjectType(getNullableType(nullable.ofType)) ? `${path}.${index}` : path);
    (value as unknown[]).forEach((item, index) => checkValue(nullable.ofType, item, itemPath(index), field, value as unknown[], index));
  } else if (isInputObjectType(nullable)) {
    for (const inner of Object.values(nullable.getFields())) {
      const object = value as Record<string, unknown>;
      checkValue(inner.type, object[inner.name], path ? `${path}.${inner.name}` : inner.name, inner.name, object, inner.name);
    }
  } else if (isScalarType(nullable) && nullable.name === 'String' && typeof value === 'string') {
    const problem = textProblem(value, textKindOf(field));
    if (problem) throw badInput(path, `${path}: ${problem}`);
    (holder as Record<string | number, unknown>)[key] = value.normalize('NFC');
  }
}

/**
 * Wraps the resolver of every field that takes arguments, so the rules hold for queries and
 * mutations, root fields and nested ones, however the document is written. `extensions.field`
 * follows the API's convention: the argument, or for a mutation's `input` the path inside it.
 */
export function guardTextArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length) continue;
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        for (const arg of field.args) checkValue(arg.type, args[arg.name], arg.name === 'input' ? '' : arg.name, arg.name, args, arg.name);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
