import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../test/database.ts';
import { gatewayUrl, statementsFor, subgraphUrl, tokenFor } from '../../../test/graphql.ts';
import { seedChapterTree, type SeedChapter } from './chapter/chapter.seed.ts';

/**
 * What the red-cross spreadsheet tests share: calls to the real HTTP routes of the gateway's host
 * and of the subgraph's, a template downloaded and filled in with exceljs, and `describeSheetKind`,
 * which generates the same tests for every kind from its cases (a file per kind holds its cases).
 */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const HOSTS = { gateway: () => gatewayUrl().replace(/\/graphql$/, ''), subgraph: () => subgraphUrl('red-cross').replace(/\/graphql$/, '') };
export type Host = keyof typeof HOSTS;
export const BOTH_HOSTS = ['gateway', 'subgraph'] as const;

export interface CallInit {
  token?: string | null;
  method?: string;
  body?: Buffer | string;
  type?: string;
  requestId?: string;
}

/** Calls of one kind's routes, by default with the token `officer()` gives. */
export function sheetClient(kind: string, officer: () => string) {
  async function call(host: Host, path: string, init: CallInit = {}) {
    const headers: Record<string, string> = { 'x-request-id': init.requestId ?? randomUUID() };
    const token = init.token === undefined ? officer() : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.type) headers['content-type'] = init.type;
    const body = init.body === undefined || typeof init.body === 'string' ? init.body : new Uint8Array(init.body);
    return fetch(`${HOSTS[host]()}${path}`, { method: init.method ?? 'GET', headers, body });
  }

  const upload = (host: Host, file: Buffer | string, query = '', options: { token?: string | null; type?: string; requestId?: string } = {}) =>
    call(host, `/imports/${kind}${query}`, { method: 'POST', body: file, type: options.type ?? (typeof file === 'string' ? 'text/csv' : XLSX), ...options });

  /** The template as downloaded, filled in on its data sheet the way a person would. */
  async function filledTemplate(host: Host, rows: unknown[][]): Promise<Buffer> {
    const response = await call(host, `/templates/${kind}.xlsx`);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('Dữ liệu')!;
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  return { call, upload, filledTemplate };
}

/** The data sheet of a filled-in template saved as CSV by exceljs, dates written dd/mm/yyyy as an office's export has them. */
export async function asCsv(xlsx: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as never);
  return String(await workbook.csv.writeBuffer({ sheetName: 'Dữ liệu', dateFormat: 'DD/MM/YYYY', dateUTC: true }));
}

export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

export interface PlacedError {
  row: number;
  column: string | null;
  code: string;
}

export const placed = (errors: (PlacedError & Record<string, unknown>)[]): PlacedError[] => errors.map(({ row, column, code }) => ({ row, column, code }));

/** A chapter tree a kind's tests own; one chapter of it has an approved period, another is outside the caller's scope. */
export interface SheetChapters {
  /** The caller's chapter (scope of the officer's token) and what is under it. */
  tree: SeedChapter;
  /** A chapter the caller may not write to: the template does not list it. */
  outside: string;
  /** A chapter of `tree` with this approved report: rows of its days are PERIOD_LOCKED. */
  locked: { chapter: string; periodType: string; start: string; end: string };
}

/**
 * The chapters a kind's tests own, named after `word`: a province (the officer's scope), a
 * district and a commune under it (the commune with a random unit code, so a rerun on the same
 * database matches one chapter), a district with an approved period, and a province outside.
 * `written` names the district and the commune in the other tone-mark style ("Hoà", "Thuỷ").
 */
export function ownChapters(word: string, locked: Omit<SheetChapters['locked'], 'chapter'>) {
  const names = {
    province: `Hội CTĐ tỉnh ${word}`,
    district: `Hội CTĐ huyện Hòa ${word}`,
    commune: `Hội CTĐ xã Thủy ${word}`,
    locked: `Hội CTĐ huyện Khóa ${word}`,
    outside: `Hội CTĐ tỉnh Ngoài ${word}`,
    communeCode: `9${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    written: { district: `Hội CTĐ huyện Hoà ${word}`, commune: `Hội CTĐ xã Thuỷ ${word}` },
  };
  const chapters: SheetChapters = {
    tree: {
      name: names.province,
      level: 'PROVINCE',
      children: [
        { name: names.district, level: 'DISTRICT', children: [{ name: names.commune, level: 'GRASSROOTS', unitId: names.communeCode }] },
        { name: names.locked, level: 'DISTRICT' },
      ],
    },
    outside: names.outside,
    locked: { chapter: names.locked, ...locked },
  };
  return { ...names, chapters };
}

export interface Ids {
  get(name: string): string;
}

/** A kind's cases, from which `describeSheetKind` generates its tests. */
export interface SheetKindCases {
  kind: string;
  /** The table the kind writes: nothing new in it under this tree is how "writes nothing" is checked. */
  table: string;
  headers: string[];
  /** Columns (letters) of the data sheet that carry a drop-down list. */
  listColumns: string[];
  chapters: SheetChapters;
  setup?(ids: Ids): Promise<void>;
  /** A good file per host: rows of the filled-in template, each host's its own. */
  good(ids: Ids, host: Host): unknown[][];
  /** The figures GraphQL answers for what the good file of `host` wrote, and what the file's rows say they are. */
  readBack(ids: Ids, host: Host, rows: unknown[][]): Promise<{ answered: unknown; fromFile: unknown }>;
  /** A file with five bad rows among good ones, and the errors, in row order. */
  fiveErrors(ids: Ids): { rows: unknown[][]; errors: PlacedError[] };
  /** Rows some of which fall in the locked chapter's approved period, and the PERIOD_LOCKED errors. */
  locked(ids: Ids): { rows: unknown[][]; errors: PlacedError[] };
  /**
   * `n` good rows over the same few chapters and months (`run` tells two files apart), when the
   * kind's checks that repeat are read once an import: 4 rows then cost the SQL statements 60 do.
   */
  sameCost?(ids: Ids, n: number, run: string): unknown[][];
}

/** The tests every kind passes, over HTTP on both hosts, with files made by exceljs from the template itself. */
export function describeSheetKind(cases: SheetKindCases): void {
  let ids: Map<string, string>;
  let officer: string;
  const { call, upload, filledTemplate } = sheetClient(cases.kind, () => officer);
  const idsOf: Ids = { get: (name) => ids.get(name) ?? name };
  const written = () =>
    withDatabase(async (client) => {
      const { rows } = await client.query(`select count(*)::int as n from red_cross.${cases.table} where chapter_id = any($1::uuid[])`, [[...ids.values()]]);
      return rows[0].n as number;
    });

  describe(`${cases.kind} in spreadsheets`, () => {
    beforeAll(async () => {
      const { tree, outside, locked } = cases.chapters;
      ids = await withDatabase(async (client) => {
        const seeded = await seedChapterTree(client, tree);
        await seedChapterTree(client, { name: outside, level: 'PROVINCE' }, null, seeded);
        await client.query(
          `insert into red_cross.period_report (id, organisation_id, kind, period_type, period_start, period_end, state, version) values ($1, $2, 'ACTIVITIES', $3, $4, $5, 'APPROVED', 1)`,
          [randomUUID(), seeded.get(locked.chapter), locked.periodType, locked.start, locked.end],
        );
        return seeded;
      });
      officer = await tokenFor({ role: 'chapter_officer', scope: [ids.get(tree.name)!], subject: `sheet-officer-${cases.kind}` });
      await cases.setup?.(idsOf);
    });

    it('is listed in the subgraph\'s /spreadsheets index, which the gateway forwards by', async () => {
      const index = await (await fetch(`${HOSTS.subgraph()}/spreadsheets`)).json();
      expect(index).toMatchObject({ subgraph: 'red-cross', kinds: expect.arrayContaining([cases.kind]) });
    });

    it('serves its template on both hosts: Vietnamese headers, drop-down lists, instructions, only the caller\'s chapters', async () => {
      for (const host of BOTH_HOSTS) {
        const response = await call(host, `/templates/${cases.kind}.xlsx`);
        expect(response.status, host).toBe(200);
        expect(response.headers.get('content-type')).toBe(XLSX);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
        expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Dữ liệu', 'Hướng dẫn', 'Danh mục']);
        const data = workbook.getWorksheet('Dữ liệu')!;
        expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(cases.headers);
        for (const column of cases.listColumns) expect(data.getCell(`${column}2`).dataValidation, column).toMatchObject({ type: 'list' });
        const organisations = (workbook.getWorksheet('Danh mục')!.getColumn(1).values as unknown[]).slice(2);
        expect(organisations).toEqual(expect.arrayContaining([...ids.keys()].filter((name) => name !== cases.chapters.outside)));
        expect(organisations).not.toContain(cases.chapters.outside);
      }
    });

    it.each(BOTH_HOSTS)('imports a filled-in template on the %s host; GraphQL reads back the file\'s figures; a re-upload on either host writes nothing new', async (host) => {
      const rows = cases.good(idsOf, host);
      const file = await filledTemplate(host, rows);
      const before = await written();
      const requestId = randomUUID();
      const response = await upload(host, file, '', { requestId });
      const report = await response.json();
      expect(response.status, JSON.stringify(report)).toBe(200);
      expect(report).toMatchObject({ committed: true, rowsRead: rows.length, written: rows.length, alreadyImported: 0, errorCount: 0, leftOut: [] });
      expect(await written()).toBe(before + rows.length);
      // One audit-trail entry per row, under this request and this kind's import.
      const audit = await withDatabase((client) => client.query(`select operation, count(*)::int as n from red_cross.audit_entry where request_id = $1 group by operation`, [requestId]));
      expect(audit.rows).toEqual([{ operation: `import:${cases.kind}`, n: rows.length }]);
      const { answered, fromFile } = await cases.readBack(idsOf, host, rows);
      expect(answered).toEqual(fromFile);
      // The same rows again, as the XLSX on either host and as a CSV: nothing new.
      for (const [again, body] of [...BOTH_HOSTS.map((other) => [other, file] as const), [host, await asCsv(file)] as const]) {
        const second = await (await upload(again, body)).json();
        expect(second, `${again} ${typeof body === 'string' ? 'csv' : 'xlsx'}`).toMatchObject({ committed: true, rowsRead: rows.length, written: 0, alreadyImported: rows.length, errorCount: 0 });
      }
      expect(await written()).toBe(before + rows.length);
      expect((await cases.readBack(idsOf, host, rows)).answered).toEqual(fromFile);
    });

    it('reports five errors in five places by row, column and code, in Vietnamese, and writes nothing', async () => {
      const { rows, errors } = cases.fiveErrors(idsOf);
      expect(errors).toHaveLength(5);
      const file = await filledTemplate('subgraph', rows);
      const before = await written();
      for (const host of BOTH_HOSTS) {
        const response = await upload(host, file);
        const report = await response.json();
        expect(response.status, JSON.stringify(report)).toBe(422);
        expect(report).toMatchObject({ committed: false, written: 0, rowsRead: rows.length, errorCount: 5 });
        expect(placed(report.errors)).toEqual(errors);
        for (const error of report.errors) expect(error.message).toMatch(/[àáảãạâăđêôơưíìỏõóòọúùủũụ]/i);
        expect(await written()).toBe(before);
      }
    });

    it('in valid-rows mode leaves out exactly the five bad rows (a dry run first keeps nothing), writes the others once', async () => {
      const { rows, errors } = cases.fiveErrors(idsOf);
      const file = await filledTemplate('gateway', rows);
      const bad = [...new Set(errors.map((error) => error.row))];
      const before = await written();
      const dry = await (await upload('gateway', file, '?mode=valid-rows&dryRun=1')).json();
      expect(dry).toMatchObject({ dryRun: true, committed: false, written: 0, leftOut: bad, errorCount: 5 });
      expect(await written()).toBe(before);
      const response = await upload('subgraph', file, '?mode=valid-rows');
      const report = await response.json();
      expect(response.status, JSON.stringify(report)).toBe(200);
      expect(report).toMatchObject({ committed: true, written: rows.length - 5, leftOut: bad, errorCount: 5 });
      expect(placed(report.errors)).toEqual(errors);
      expect(await written()).toBe(before + rows.length - 5);
      expect(await (await upload('gateway', file, '?mode=valid-rows')).json()).toMatchObject({ written: 0, alreadyImported: rows.length - 5, leftOut: bad });
      expect(await written()).toBe(before + rows.length - 5);
    });

    it('refuses callers who may not write this kind, on both hosts, with a code and never a 500', async () => {
      const file = await filledTemplate('subgraph', cases.good(idsOf, 'gateway').slice(0, 1));
      const callers = {
        analyst: await tokenFor({ role: 'analyst' }),
        partner: await tokenFor({ role: 'partner', subgraph: 'red-cross' }),
        'officer of another chapter': await tokenFor({ role: 'chapter_officer', scope: [ids.get(cases.chapters.outside)!] }),
      };
      for (const [who, token] of Object.entries(callers)) {
        for (const host of BOTH_HOSTS) {
          const response = await upload(host, file, '', { token });
          const body = await response.json();
          if (who === 'officer of another chapter') {
            // May import this kind, but not into these chapters: the row's chapter is not in its list.
            expect(response.status, `${who} on ${host}`).toBe(422);
            expect(placed(body.errors), `${who} on ${host}`).toEqual([{ row: 2, column: 'Đơn vị Hội', code: 'NOT_IN_LIST' }]);
          } else {
            expect(response.status, `${who} on ${host}`).toBe(403);
            expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
          }
        }
      }
    });

    it.runIf(cases.sameCost)('costs the same SQL statements for 4 rows as for 60 over the same chapters and months', async () => {
      const statements = async (n: number, run: string) => {
        const file = await filledTemplate('subgraph', cases.sameCost!(idsOf, n, run));
        const requestId = randomUUID();
        expect(await (await upload('subgraph', file, '', { requestId })).json()).toMatchObject({ written: n, errorCount: 0 });
        return (await statementsFor(requestId))['red-cross'];
      };
      const few = await statements(4, 'few');
      expect(await statements(60, 'many')).toBe(few);
    });

    it('refuses each row in an approved period with PERIOD_LOCKED, on both hosts', async () => {
      const { rows, errors } = cases.locked(idsOf);
      const file = await filledTemplate('gateway', rows);
      const before = await written();
      for (const host of BOTH_HOSTS) {
        const response = await upload(host, file);
        const report = await response.json();
        expect(response.status, JSON.stringify(report)).toBe(422);
        expect(placed(report.errors)).toEqual(errors);
        expect(await written()).toBe(before);
      }
    });
  });
}
