import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../scripts/services.ts';

/**
 * The gateway's host routes `/templates`, `/imports` and `/exports` by name alone (each subgraph's
 * `/spreadsheets` index): a name two subgraphs used would send one of them to the other's data.
 */
describe('spreadsheet names across the subgraphs', () => {
  for (const [what, names] of [
    ['kinds', SUBGRAPHS.flatMap(({ definition }) => (definition.spreadsheets?.kinds ?? []).map((kind) => `${definition.name}:${kind.name}`))],
    ['exports', SUBGRAPHS.flatMap(({ definition }) => (definition.spreadsheets?.exports ?? []).map((summary) => `${definition.name}:${summary.name}`))],
  ] as const) {
    it(`no two subgraphs name their ${what} alike`, () => {
      const owners = new Map<string, string[]>();
      for (const entry of names) {
        const [subgraph, name] = entry.split(':');
        owners.set(name, [...(owners.get(name) ?? []), subgraph]);
      }
      expect(names.length).toBeGreaterThan(0);
      expect([...owners].filter(([, subgraphs]) => subgraphs.length > 1)).toEqual([]);
    });
  }
});

/**
 * An export's supergraph variant (`supergraphQuery`, or the operation of one that runs only on the
 * gateway's host) is run by the gateway over the client schema: each must be valid there, and ask
 * what the subgraph's own operation asks with the same variables, so both hosts take one query string.
 */
describe('exports run over the supergraph', () => {
  const api = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));
  const summaries = SUBGRAPHS.flatMap(({ definition }) => (definition.spreadsheets?.exports ?? []).map((summary) => ({ subgraph: definition.name, summary })));
  const variablesOf = (query: string) => parse(query).definitions.flatMap((definition) => ('variableDefinitions' in definition ? definition.variableDefinitions ?? [] : []).map((variable) => variable.variable.name.value)).sort();
  it('are valid against the supergraph\'s client schema, with the variables of the subgraph\'s own operation', () => {
    const variants = summaries.filter(({ summary }) => summary.supergraphQuery || summary.runsOn === 'supergraph');
    expect(variants.length).toBeGreaterThan(4);
    for (const { subgraph, summary } of variants) {
      const query = summary.supergraphQuery ?? summary.query;
      expect(validate(api, parse(query)).map((error) => error.message), `${subgraph}:${summary.name}`).toEqual([]);
      if (summary.supergraphQuery) expect(variablesOf(summary.supergraphQuery), `${subgraph}:${summary.name}`).toEqual(variablesOf(summary.query));
    }
  });
});
