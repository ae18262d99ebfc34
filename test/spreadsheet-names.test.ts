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
