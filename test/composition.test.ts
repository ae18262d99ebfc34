import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeFromCode, SCHEMA_DIR } from '../scripts/composition.ts';

describe('committed SDL', () => {
  it('is exactly what the code produces (run `npm run compose` and commit the change)', async () => {
    const { files } = await composeFromCode();
    expect(Object.keys(files).sort()).toEqual(['elderly.graphql', 'emulation.graphql', 'places.graphql', 'red-cross.graphql', 'supergraph.graphql', 'trusted-documents.json']);
    for (const [name, sdl] of Object.entries(files)) {
      expect(readFileSync(new URL(name, SCHEMA_DIR), 'utf8'), `schema/${name}`).toBe(sdl);
    }
  });
});
