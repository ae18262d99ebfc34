import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, subgraphUrl, tokenFor } from '../../../../test/graphql.ts';
import { seedChapterTree } from '../chapter/chapter.seed.ts';

/**
 * Asynchronous imports (`?async=1` or `Prefer: respond-async`), on the gateway's host and on the
 * subgraph's: 202 and a Location, polled by the same caller only, finally the synchronous
 * import's own status and JSON; a job whose process stopped is answered IMPORT_INTERRUPTED.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HOSTS = {
  gateway: () => gatewayUrl().replace(/\/graphql$/, ''),
  subgraph: () => subgraphUrl('red-cross').replace(/\/graphql$/, ''),
  elderly: () => subgraphUrl('elderly').replace(/\/graphql$/, ''),
};
type Host = keyof typeof HOSTS;
const CHAPTER = 'Hội CTĐ tỉnh Nhập Sau';
let chapterId: string;
let officer: string;
let other: string;

async function call(host: Host, path: string, init: { token?: string | null; body?: Buffer | string; type?: string; prefer?: string } = {}) {
  const requestId = randomUUID();
  const headers: Record<string, string> = { 'x-request-id': requestId };
  const token = init.token === undefined ? officer : init.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.type) headers['content-type'] = init.type;
  if (init.prefer) headers.prefer = init.prefer;
  const body = init.body === undefined || typeof init.body === 'string' ? init.body : new Uint8Array(init.body);
  const response = await fetch(`${HOSTS[host]()}${path}`, { method: init.body === undefined ? 'GET' : 'POST', headers, body });
  return { status: response.status, headers: response.headers, body: await response.json(), requestId };
}

/** Polls a job until it is no longer running. */
async function finished(host: Host, location: string, token?: string) {
  for (let i = 0; i < 300; i++) {
    const answer = await call(host, location, { token });
    if (answer.status !== 202) return answer;
    expect(answer.body).toMatchObject({ state: 'running' });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${location} still running`);
}

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Dữ liệu');
  sheet.addRow(['Đơn vị Hội', 'Loại hoạt động', 'Số lượng', 'Số lượt người hưởng lợi', 'Trị giá (đồng)', 'Ngày thực hiện', 'Ghi chú']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const count = () =>
  withDatabase(async (client) => (await client.query(`select count(*)::int as n from red_cross.relief_activity where chapter_id = $1`, [chapterId])).rows[0].n as number);
/** The parts of a report that differ between two imports of one file. */
const comparable = (report: Record<string, unknown>) => ({ ...report, requestId: undefined, importId: undefined });

describe('asynchronous imports', () => {
  beforeAll(async () => {
    chapterId = (await withDatabase((client) => seedChapterTree(client, { name: CHAPTER, level: 'PROVINCE' }))).get(CHAPTER)!;
    officer = await tokenFor({ role: 'chapter_officer', scope: [chapterId], subject: 'sheet-async' });
    other = await tokenFor({ role: 'chapter_officer', scope: [chapterId], subject: 'sheet-async-other' });
  });

  it('answers 202 with a Location whose answer is, once done, the synchronous import\'s own: on both hosts, by query or Prefer', async () => {
    for (const [n, host, how] of [[1, 'gateway', 'query'], [2, 'subgraph', 'prefer'], [3, 'gateway', 'prefer'], [4, 'subgraph', 'query']] as const) {
      const file = await workbook([[CHAPTER, 'Suất quà', n, n, 10_000 * n, `0${n}/02/2013`, `async ${n}`], [CHAPTER, 'Bữa ăn miễn phí', 1, 2, 30_000, `1${n}/02/2013`, null]]);
      const query = how === 'query' ? '?async=1' : '';
      const prefer = how === 'prefer' ? 'respond-async' : undefined;
      const dryRun = await call(host, '/imports/relief-activities?dryRun=1', { body: file, type: XLSX });
      expect(dryRun.status).toBe(200);
      const before = await count();
      const accepted = await call(host, `/imports/relief-activities${query}`, { body: file, type: XLSX, prefer });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
      const location = accepted.headers.get('location')!;
      expect(location).toMatch(/^\/imports\/jobs\/relief-activities-[0-9a-f-]{36}$/);
      expect(accepted.body).toMatchObject({ state: 'running', location, requestId: accepted.requestId });
      if (prefer) expect(accepted.headers.get('preference-applied')).toBe('respond-async');
      // Polled on the other host too: the job lives in the subgraph's database, not in a process's memory.
      const done = await finished(host === 'gateway' ? 'subgraph' : 'gateway', location);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ committed: true, rowsRead: 2, written: 2, requestId: accepted.requestId });
      expect(comparable(done.body)).toEqual(comparable({ ...dryRun.body, dryRun: false, committed: true, written: 2 }));
      expect(await count()).toBe(before + 2);
      // Read again, the answer is the same; the same file synchronously now writes nothing new.
      expect((await call(host, location)).body).toEqual(done.body);
      expect((await call(host, '/imports/relief-activities', { body: file, type: XLSX })).body).toMatchObject({ written: 0, alreadyImported: 2 });
    }
  });

  it('takes eight jobs sent at once, runs them in turns (HOI_IMPORT_JOBS at a time), each to its own answer', async () => {
    const files = await Promise.all(Array.from({ length: 8 }, (_, i) => workbook(Array.from({ length: i + 1 }, (_, j) => [CHAPTER, 'Suất quà', 1, 1, 1000, `${j + 1}/04/2013`, `song song ${i}`]))));
    const accepted = await Promise.all(files.map((file, i) => call(i % 2 ? 'gateway' : 'subgraph', '/imports/relief-activities?async=1&dryRun=1', { body: file, type: XLSX })));
    expect(accepted.map((answer) => answer.status)).toEqual(Array(8).fill(202));
    const done = await Promise.all(accepted.map((answer) => finished('gateway', answer.headers.get('location')!)));
    expect(done.map((answer) => [answer.status, answer.body.rowsRead, answer.body.requestId])).toEqual(accepted.map((answer, i) => [200, i + 1, answer.requestId]));
  });

  it('keeps a failed import\'s answer (row errors, a broken file) with its code and the upload\'s request id', async () => {
    const cases: [Buffer | string, string, number, string][] = [
      [await workbook([[CHAPTER, 'Suất quà', 1, 1, 1000, '31/02/2013', null]]), XLSX, 422, 'INVALID_DATE'],
      [Buffer.from('PK\u0003\u0004 cắt dở'), XLSX, 400, 'NOT_A_SPREADSHEET'],
      ['Họ và tên\nAn\n', 'text/csv', 422, 'MISSING_COLUMN'],
    ];
    for (const host of ['gateway', 'subgraph'] as const) {
      for (const [body, type, status, code] of cases) {
        const accepted = await call(host, '/imports/relief-activities?async=1', { body, type });
        expect(accepted.status).toBe(202);
        const done = await finished(host, accepted.headers.get('location')!);
        expect(done.status, JSON.stringify(done.body)).toBe(status);
        const error = done.body.errors[0];
        expect(error.extensions?.code ?? error.code).toBe(code);
        expect(error.extensions?.requestId ?? done.body.requestId).toBe(accepted.requestId);
      }
    }
    // The elderly subgraph keeps its own jobs, in its own schema.
    const admin = await tokenFor({ role: 'national_admin', subject: 'sheet-async-admin' });
    const accepted = await call('gateway', '/imports/fund-entries?async=1', { token: admin, body: '', type: 'text/csv' });
    expect(accepted.status).toBe(202);
    const done = await finished('elderly', accepted.headers.get('location')!, admin);
    expect([done.status, done.body.errors[0].code]).toEqual([422, 'NO_DATA_SHEET']);
  });

  it('shows a job to its caller only, and answers a job whose process stopped with IMPORT_INTERRUPTED', async () => {
    const accepted = await call('gateway', '/imports/relief-activities?async=1&dryRun=1', { body: await workbook([[CHAPTER, 'Suất quà', 1, 1, 1000, '01/03/2013', null]]), type: XLSX });
    const location = accepted.headers.get('location')!;
    await finished('gateway', location);
    for (const host of ['gateway', 'subgraph'] as const) {
      const stranger = await call(host, location, { token: other });
      expect([stranger.status, stranger.body.errors[0].extensions.code]).toEqual([404, 'NOT_FOUND']);
      expect((await call(host, location, { token: null })).status).toBe(401);
      expect((await call(host, `/imports/jobs/relief-activities-${randomUUID()}`)).status).toBe(404);
      expect((await call(host, '/imports/jobs/not-a-job')).status).toBe(404);
    }
    // Jobs as a restart leaves them: one still beating (running), one whose heartbeat stopped an hour ago.
    const [alive, dead] = [randomUUID(), randomUUID()];
    await withDatabase((client) =>
      client.query(
        `insert into red_cross.spreadsheet_job (id, kind, requested_by, request_id, created_at, heartbeat_at) values
           ($1, 'relief-activities', 'sheet-async', 'upload-alive', now(), now()),
           ($2, 'relief-activities', 'sheet-async', 'upload-dead', now() - interval '1 hour', now() - interval '1 hour')`,
        [alive, dead],
      ),
    );
    for (const host of ['gateway', 'subgraph'] as const) {
      const running = await call(host, `/imports/jobs/relief-activities-${alive}`);
      expect([running.status, running.headers.get('retry-after'), running.body.state]).toEqual([202, '2', 'running']);
      const interrupted = await call(host, `/imports/jobs/relief-activities-${dead}`);
      expect(interrupted.status).toBe(503);
      expect(interrupted.body.errors[0].extensions).toEqual({ code: 'IMPORT_INTERRUPTED', requestId: 'upload-dead' });
    }
    const states = await withDatabase((client) => client.query(`select id, state, status from red_cross.spreadsheet_job where id = any($1::uuid[]) order by created_at`, [[alive, dead]]));
    expect(states.rows).toEqual([{ id: dead, state: 'failed', status: 503 }, { id: alive, state: 'running', status: null }]);
    // A finished job is kept a week (HOI_IMPORT_JOBS_KEEP_DAYS): the next job created takes older ones away.
    const [week, month] = [randomUUID(), randomUUID()];
    await withDatabase((client) =>
      client.query(
        `insert into red_cross.spreadsheet_job (id, kind, requested_by, request_id, state, status, answer, created_at, finished_at) values
           ($1, 'relief-activities', 'sheet-async', 'old', 'done', 200, '{}', now() - interval '6 days', now() - interval '6 days'),
           ($2, 'relief-activities', 'sheet-async', 'older', 'done', 200, '{}', now() - interval '30 days', now() - interval '30 days')`,
        [week, month],
      ),
    );
    await finished('subgraph', (await call('subgraph', '/imports/relief-activities?async=1&dryRun=1', { body: 'Họ và tên\n', type: 'text/csv' })).headers.get('location')!);
    expect((await call('gateway', `/imports/jobs/relief-activities-${week}`)).status).toBe(200);
    expect((await call('gateway', `/imports/jobs/relief-activities-${month}`)).status).toBe(404);
  });
});
