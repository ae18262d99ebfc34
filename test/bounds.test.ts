import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { getMetadataStorage as validationMetadata } from 'class-validator';
import { buildSchema, getNamedType, getNullableType, isInputObjectType, isListType, isScalarType, type GraphQLInputType } from 'graphql';
import { getMetadataStorage as graphqlMetadata } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { COMPOSED_FILES } from '../scripts/schema-files.ts';
import '../subgraphs/places/src/schema.ts';
import '../subgraphs/red-cross/src/schema.ts';
import '../subgraphs/elderly/src/schema.ts';
import '../subgraphs/emulation/src/schema.ts';

/** Numbers checked in code rather than by a decorator, and why. */
const CHECKED_IN_CODE: Record<string, string> = {
  'PeriodInput.index': 'its range depends on the period type (1–2, 1–4, 1–12): resolvePeriod refuses the rest, naming period.index',
};
const NUMERIC = new Set(['Int', 'Float', 'Vnd']);

interface NumericInput {
  subgraph: string;
  /** e.g. `recordReliefActivity(input).valueVnd` */
  where: string;
  inputType: string;
  field: string;
  scalar: string;
}

/** Every number a mutation takes, from the committed SDL of each subgraph. */
function numericInputs(): NumericInput[] {
  const found: NumericInput[] = [];
  const dir = new URL('../schema/', import.meta.url);
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.graphql') && !COMPOSED_FILES.includes(name))) {
    const schema = buildSchema(readFileSync(new URL(file, dir), 'utf8'));
    const subgraph = file.replace(/\.graphql$/, '');
    const visit = (where: string, type: GraphQLInputType, seen: Set<string>) => {
      const named = getNamedType(type);
      if (isInputObjectType(named) && !seen.has(named.name)) {
        for (const field of Object.values(named.getFields())) {
          const inner = getNamedType(field.type);
          if (isScalarType(inner) && NUMERIC.has(inner.name)) found.push({ subgraph, where: `${where}.${field.name}`, inputType: named.name, field: field.name, scalar: inner.name });
          else visit(`${where}.${field.name}`, field.type, new Set([...seen, named.name]));
        }
      }
    };
    for (const mutation of Object.values(schema.getMutationType()?.getFields() ?? {})) {
      for (const argument of mutation.args) {
        const inner = getNamedType(argument.type);
        if (isScalarType(inner) && NUMERIC.has(inner.name) && !isListType(getNullableType(argument.type))) {
          found.push({ subgraph, where: `${mutation.name}(${argument.name})`, inputType: `${mutation.name}()`, field: argument.name, scalar: inner.name });
        }
        visit(`${mutation.name}(${argument.name})`, argument.type, new Set());
      }
    }
  }
  return found;
}

/** The @Min and @Max of an input type's field, from class-validator's metadata of the type-graphql class. */
function boundsOf(inputType: string, field: string): { min?: number; max?: number; integer: boolean } {
  const target = graphqlMetadata().inputTypes.find((input) => input.name === inputType)?.target;
  if (!target) return { integer: false };
  const rules = validationMetadata().getTargetValidationMetadatas(target, '', true, false).filter((rule) => rule.propertyName === field);
  const constraint = (name: string) => rules.find((rule) => rule.name === name)?.constraints?.[0] as number | undefined;
  return { min: constraint('min'), max: constraint('max'), integer: rules.some((rule) => rule.name === 'isInt') };
}

describe('every number a mutation takes has a bound the domain justifies', () => {
  const inputs = numericInputs();

  it('finds the numbers of all four subgraphs', () => {
    expect(new Set(inputs.map((input) => input.subgraph))).toEqual(new Set(['red-cross', 'elderly', 'emulation']));
    expect(inputs.length).toBeGreaterThan(25);
  });

  it.each(inputs.filter((input) => !CHECKED_IN_CODE[`${input.inputType}.${input.field}`]).map((input) => ({ ...input, name: `${input.subgraph}: ${input.where} (${input.inputType}.${input.field}: ${input.scalar})` })))(
    '$name is a whole number with a lower and an upper bound',
    ({ inputType, field, scalar }) => {
      const { min, max, integer } = boundsOf(inputType, field);
      expect(integer).toBe(true);
      expect(min).toBeGreaterThanOrEqual(0);
      expect(max).toBeGreaterThan(min!);
      // Within what the scalar carries, so the bound, not the scalar, is what refuses a value.
      expect(max).toBeLessThanOrEqual(scalar === 'Int' ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER);
    },
  );

  it('names the few numbers checked in code instead', () => {
    for (const key of Object.keys(CHECKED_IN_CODE)) expect(inputs.some((input) => `${input.inputType}.${input.field}` === key), key).toBe(true);
  });
});
