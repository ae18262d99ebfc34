import type { EntityManager } from '@mikro-orm/postgresql';
import { validate } from 'class-validator';
import { coerceInputValue, getNamedType, GraphQLError, isInputObjectType, type GraphQLInputObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { badInput, firstValidationFailure } from '../errors.ts';
import type { Role } from '../identity.ts';
import { checkInputText } from '../input-rules.ts';
import type { CellParser, CellValue } from './cells.ts';

/**
 * A kind of record an association keeps in sheets (relief activities, club members…), as one
 * subgraph plugs it into the spreadsheet mechanism: its columns, the organisations the caller may
 * write to, and the SAME check-and-write function its GraphQL mutation calls. The mechanism
 * (template, import, errors, transaction, idempotency) knows nothing of the domain.
 */
export interface SheetColumn {
  /** The input field this column fills; an error whose `extensions.field` is this names the column. */
  field: string;
  /** The Vietnamese header of the template; a file may put the columns in any order. */
  header: string;
  required: boolean;
  /** How a cell is read; 'organisation' is the caller's writable organisations, by name, code or id. */
  parser: CellParser<unknown> | 'organisation';
  /** The example row of the instructions sheet. */
  example: CellValue;
  width?: number;
}

export interface Organisation {
  id: string;
  name: string;
  /** A code a person may write instead of the name (an administrative unit's code), when it has one. */
  code?: string | null;
}

/** Memoises a check inside one import (the same chapter's lock on the same day is read once); a mutation runs it once anyway. */
export type Once = <T>(key: string, check: () => Promise<T>) => Promise<T>;

export const runOnce: Once = (_key, check) => check();

export function memo(): Once {
  const seen = new Map<string, Promise<unknown>>();
  return <T>(key: string, check: () => Promise<T>) => {
    let known = seen.get(key) as Promise<T> | undefined;
    if (!known) seen.set(key, (known = check()));
    return known;
  };
}

export interface SheetKind<Context, Input extends object = Record<string, unknown>> {
  /** In URLs: `/templates/<name>.xlsx`, `/imports/<name>`. */
  name: string;
  /** Vietnamese title of the template and its data sheet. */
  title: string;
  /** Roles that may import (each row's organisation is then checked by `write`). */
  writerRoles: readonly Role[];
  /** The GraphQL input type a row becomes: its scalars, text rules and class-validator rules apply as they do to the mutation. */
  inputType: string;
  inputClass: new () => Input;
  columns: readonly SheetColumn[];
  /** The organisations the caller may write to: the template lists them, the import matches them by name. */
  organisations(context: Context): Promise<Organisation[]>;
  /** Extra lines of the instructions sheet. */
  instructions?: readonly string[];
  /**
   * A row's natural key, when the domain has one; otherwise the row's whole content is its key
   * (a second identical row in one file counts as another record). A key already imported is
   * skipped, so a re-upload writes nothing new.
   */
  naturalKey?(input: Input): string;
  /**
   * Turns what a person typed into what the mutation takes, where that needs the database (a
   * campaign by its name). Throws an error naming the field, as a mutation would.
   */
  prepare?(context: Context, em: EntityManager, values: Record<string, unknown>, once: Once): Promise<Record<string, unknown>>;
  /**
   * For a kind whose rows several mutations write (a ledger: money in, loans, repayments): which
   * input type and class this row is checked as, and its values for that input (after `prepare`).
   * Without it every row is `inputType`.
   */
  inputOf?(values: Record<string, unknown>): { inputType: string; inputClass: new () => Input; values: Record<string, unknown> };
  /**
   * Its rules read what earlier rows wrote (a ledger kept in date order, enough cash): each row
   * is flushed before the next is checked, instead of once a chunk.
   */
  flushEachRow?: boolean;
  /** The mutation's own checks and write, inside the import's transaction; it throws before it creates anything. */
  write(context: Context, em: EntityManager, input: Input, once: Once): Promise<void>;
}

/**
 * A row's values as the mutation's argument: coerced by the input type's own scalars and enums,
 * its text by the API's text rules, then class-validator's rules of the input class, as
 * type-graphql applies them to the mutation. Throws BAD_USER_INPUT naming the field.
 */
export async function checkInput<Input extends object>(schema: GraphQLSchema, typeName: string, inputClass: new () => Input, value: Record<string, unknown>): Promise<Input> {
  const type = schema.getType(typeName);
  if (!isInputObjectType(type)) throw new Error(`${typeName} is not an input type of this schema`);
  let coerced: Record<string, unknown> | undefined;
  try {
    coerced = coerceInputValue(value, type, (path, _invalid, error) => {
      throw badInput(path.join('.'), error.message);
    }) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof GraphQLError) throw error.extensions?.field ? error : badInput('', error.message);
    throw error;
  }
  const holder = { input: coerced };
  checkInputText(type, holder, 'input');
  const instance = asInstances(type, holder.input, inputClass) as Input;
  const failures = await validate(instance, { forbidUnknownValues: false });
  const failure = firstValidationFailure(failures);
  if (failure) throw badInput(failure.field, failure.message);
  return instance;
}

/**
 * The input as type-graphql hands it to a resolver: each nested input object an instance of its
 * own class, so its rules (a period's year, through `@ValidateNested`) apply to a row as they do
 * to the mutation's argument.
 */
function asInstances(type: GraphQLInputObjectType, value: Record<string, unknown>, inputClass?: new () => object): object {
  const target = inputClass ?? (getMetadataStorage().inputTypes.find((meta) => meta.name === type.name)?.target as (new () => object) | undefined);
  const instance = (target ? new target() : {}) as Record<string, unknown>;
  const fields = type.getFields();
  for (const [name, field] of Object.entries(value)) {
    const fieldType = fields[name] ? getNamedType(fields[name].type) : undefined;
    const nested = (item: unknown) => (isInputObjectType(fieldType) && item !== null && typeof item === 'object' ? asInstances(fieldType, item as Record<string, unknown>) : item);
    instance[name] = Array.isArray(field) ? field.map(nested) : nested(field);
  }
  return instance;
}
