import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type FieldDefinitionNode, Kind, parse, print, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import { COMPOSED_FILES } from '../scripts/schema-files.ts';
import { checkSchema, CLIENT_SCHEMA, formatReport, readCommittedSchemas, readOperations } from '../scripts/schema-changes.ts';

const committed = readCommittedSchemas();
const operations = readOperations();
const subgraphs = Object.fromEntries(
  Object.entries(committed).filter(([file]) => !COMPOSED_FILES.includes(file)).map(([file, sdl]) => [file.replace(/\.graphql$/, ''), sdl]),
);

/** A subgraph's committed SDL with one type's fields edited, as a team would edit its own subgraph. */
function editFields(sdl: string, typeName: string, edit: (fields: readonly FieldDefinitionNode[]) => FieldDefinitionNode[]): string {
  let found = false;
  const edited = visit(parse(sdl), {
    ObjectTypeDefinition(node) {
      if (node.name.value !== typeName) return undefined;
      found = true;
      return { ...node, fields: edit(node.fields ?? []) };
    },
  });
  if (!found) throw new Error(`no type ${typeName}`);
  return print(edited);
}

const field = (text: string): FieldDefinitionNode => {
  const [type] = parse(`type T { ${text} }`).definitions;
  if (type?.kind !== Kind.OBJECT_TYPE_DEFINITION) throw new Error(text);
  return type.fields![0]!;
};
const without = (name: string) => (fields: readonly FieldDefinitionNode[]) => fields.filter((candidate) => candidate.name.value !== name);

interface Case {
  name: string;
  subgraph: string;
  edit: (sdl: string) => string;
  ok: boolean;
  /** Each expected change in the client schema: level, coordinate, the documents that use it. */
  client?: { level: string; path: string; usedBy: string[] }[];
  brokenOperations?: string[];
  /** Text the printed report must carry. */
  says: string[];
}

const CASES: Case[] = [
  {
    name: 'a new optional field',
    subgraph: 'places',
    edit: (sdl) => editFields(sdl, 'AdministrativeUnit', (fields) => [...fields, field('"""Name in English, where the registry gives one."""\nenglishName: String')]),
    ok: true,
    client: [
      { level: 'safe', path: 'AdministrativeUnit.englishName', usedBy: [] },
      { level: 'safe', path: 'AdministrativeUnit.englishName', usedBy: [] },
    ],
    says: ['subgraph places: 0 breaking, 0 dangerous, 2 safe', "Field 'englishName' was added to object type 'AdministrativeUnit'", 'OK: no breaking change.'],
  },
  {
    name: 'a field a trusted document reads, removed',
    subgraph: 'places',
    edit: (sdl) => editFields(sdl, 'AdministrativeUnit', without('level')),
    ok: false,
    client: [{ level: 'breaking', path: 'AdministrativeUnit.level', usedBy: ['FindPlaces'] }],
    brokenOperations: ['FindPlaces'],
    says: ['<- used by FindPlaces', 'Cannot query field "level" on type "AdministrativeUnit"', 'FAILED: 1 breaking change(s) used by trusted documents'],
  },
  {
    name: 'an argument a trusted document passes, removed',
    subgraph: 'places',
    edit: (sdl) =>
      editFields(sdl, 'Query', (fields) =>
        fields.map((candidate) => (candidate.name.value === 'administrativeUnits' ? { ...candidate, arguments: candidate.arguments?.filter((arg) => arg.name.value !== 'search') } : candidate)),
      ),
    ok: false,
    client: [{ level: 'breaking', path: 'Query.administrativeUnits.search', usedBy: ['FindPlaces'] }],
    brokenOperations: ['FindPlaces'],
    says: ['<- used by FindPlaces', 'Unknown argument "search" on field "Query.administrativeUnits"'],
  },
  {
    name: 'a field no trusted document uses, removed',
    subgraph: 'places',
    edit: (sdl) => editFields(sdl, 'AdministrativeUnit', without('shortName')),
    ok: true,
    client: [{ level: 'breaking', path: 'AdministrativeUnit.shortName', usedBy: [] }],
    says: ['(no trusted document uses it)', 'OK, with a warning: 1 breaking change(s) that no trusted document uses'],
  },
  {
    name: 'a key field whose type disagrees with the other subgraphs',
    subgraph: 'red-cross',
    edit: (sdl) => editFields(sdl, 'AdministrativeUnit', (fields) => fields.map((candidate) => (candidate.name.value === 'id' ? field('id: Int!') : candidate))),
    ok: false,
    says: ['COMPOSITION ERROR FIELD_TYPE_MISMATCH in elderly, emulation, places, red-cross', '"AdministrativeUnit.id"', 'type "Int!" in subgraph "red-cross"', 'FAILED: 1 composition error(s)'],
  },
  {
    name: 'a field of a type that no subgraph defines',
    subgraph: 'places',
    edit: (sdl) => editFields(sdl, 'AdministrativeUnit', (fields) => [...fields, field('twin: Nowhere')]),
    ok: false,
    says: ['COMPOSITION ERROR INVALID_GRAPHQL in places: [places] Unknown type Nowhere', 'FAILED: 1 composition error(s)'],
  },
  {
    name: 'an enum value, used for input and output, added in one subgraph only',
    subgraph: 'places',
    edit: (sdl) => sdl.replace(/(enum UnitEdition \{)/, '$1\n  FUTURE'),
    ok: false,
    // Red Cross and the Elderly Association both take it as an argument (their national completeness by province).
    says: ['COMPOSITION ERROR ENUM_VALUE_MISMATCH in elderly, places, red-cross', 'Enum type "UnitEdition"', '"FUTURE" is defined in subgraph "places" but not in subgraphs "elderly" and "red-cross"'],
  },
];

describe('npm run schema:check', () => {
  it.each(CASES)('$name', async ({ subgraph, edit, ok, client, brokenOperations, says }) => {
    const report = await checkSchema({ workingTree: { ...subgraphs, [subgraph]: edit(subgraphs[subgraph]!) }, committed, operations });
    const printed = formatReport(report);
    expect(report.ok, printed).toBe(ok);
    for (const text of says) expect(printed).toContain(text);
    // Only the edited subgraph changed.
    for (const { name, changes } of report.sections) {
      if (name !== subgraph && name !== CLIENT_SCHEMA) expect(changes, name).toEqual([]);
    }
    if (client) {
      const api = report.sections.find(({ name }) => name === CLIENT_SCHEMA)!;
      expect(api.changes.map(({ level, path, usedBy }) => ({ level, path, usedBy }))).toEqual(client);
      expect(report.sections.find(({ name }) => name === subgraph)!.changes.map(({ level, path }) => ({ level, path }))).toEqual(client.map(({ level, path }) => ({ level, path })));
    } else {
      expect(report.compositionErrors.length).toBeGreaterThan(0);
      expect(report.sections.map(({ name }) => name)).not.toContain(CLIENT_SCHEMA);
    }
    expect(report.brokenOperations.map(({ operation }) => operation)).toEqual(brokenOperations ?? []);
  });

  // One run of the script itself (the cases above cover the report); the committed tree's clean
  // report follows from the drift test (the code prints exactly the committed SDL).
  it('exits 1 on an SDL that breaks a trusted document, given as <subgraph>=<file>', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'schema-check-')), 'places.graphql');
    writeFileSync(file, CASES.find(({ name }) => name.startsWith('a field a trusted document reads'))!.edit(subgraphs.places!));
    const run = (argument: string) =>
      // What `npm run schema:check` runs (tsx scripts/schema-check.ts), without npx's npm and tsx's
      // own launcher process before it: two Node start-ups fewer.
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/schema-check.ts', argument], { cwd: new URL('..', import.meta.url) }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
    const broken = await run(`places=${file}`);
    expect(broken.stdout).toContain('subgraph red-cross: no changes');
    expect(broken.stdout).toContain('AdministrativeUnit.level');
    expect(broken).toMatchObject({ code: 1, stdout: expect.stringContaining('FAILED: 1 breaking change(s) used by trusted documents') });
  }, 120_000);
});
