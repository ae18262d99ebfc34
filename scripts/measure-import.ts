/**
 * Measures a 100,000-row relief-activity import (issue 15): a fresh database, the red-cross
 * subgraph as its own process under the containers' V8 limits (docker-compose.yml), an XLSX made
 * with exceljs's streaming writer, uploaded to POST /imports/relief-activities. Prints the time,
 * the rows written and the subgraph's peak resident memory (VmHWM) before and after.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx scripts/measure-import.ts [--rows 100000]
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request as httpRequest } from 'node:http';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { dropDatabase, ensureDatabase, withDatabase } from '@hoi/common/database';
import { signToken } from '@hoi/common/identity';
import { createLogger } from '@hoi/common/logger';
import { migrateSubgraph } from '@hoi/common/service';
import { foldVietnamese } from '@hoi/common/text';
import { redCross } from '@hoi/red-cross';
import { freePort } from '../test/ports.ts';

const rows = Number(process.argv[process.argv.indexOf('--rows') + 1] || 100_000) || 100_000;
const option = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
/** Over how many chapters and days the rows spread: each (chapter, month) is one period-lock check. */
const chapterCount = option('--chapters', 50);
const days = option('--days', 365);
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) throw new Error('DATABASE_URL names the PostgreSQL server to measure on');
const database = `hoi_measure_import_${randomBytes(3).toString('hex')}`;
const url = withDatabase(adminUrl, database);
const logger = createLogger('measure-import');
const vm = (pid: number, field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

await ensureDatabase(adminUrl, database);
const child: { process?: ReturnType<typeof spawn> } = {};
try {
  await migrateSubgraph(redCross, url, logger);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const province = randomUUID();
  const chapters: string[] = [];
  await client.query(`insert into red_cross.chapter (id, level, name, name_folded) values ($1, 'PROVINCE', 'Hội CTĐ tỉnh Đo Lường', $2)`, [province, foldVietnamese('Hội CTĐ tỉnh Đo Lường')]);
  for (let i = 1; i <= chapterCount; i++) {
    const id = randomUUID();
    const name = `Hội CTĐ xã Đo Lường ${i}`;
    chapters.push(name);
    await client.query(`insert into red_cross.chapter (id, parent_id, level, name, name_folded) values ($1, $2, 'GRASSROOTS', $3, $4)`, [id, province, name, foldVietnamese(name)]);
  }
  await client.end();

  const file = path.join(tmpdir(), `${database}.xlsx`);
  const started = performance.now();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Dữ liệu');
  sheet.addRow(['Đơn vị Hội', 'Loại hoạt động', 'Số lượng', 'Số lượt người hưởng lợi', 'Trị giá (đồng)', 'Ngày thực hiện', 'Ghi chú']).commit();
  const kinds = ['Suất quà', 'Bữa ăn miễn phí', 'Trợ giúp đột xuất', 'Hỗ trợ sinh kế'];
  for (let i = 0; i < rows; i++) {
    const date = new Date(Date.UTC(2013, 0, 1) + (i % days) * 86_400_000);
    sheet.addRow([chapters[i % chapters.length], kinds[i % kinds.length], 1 + (i % 40), 1 + (i % 90), 100_000 * (1 + (i % 500)), date, `dòng ${i + 2}`]).commit();
  }
  sheet.commit();
  await workbook.commit();
  console.log(`file: ${rows} rows, ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB, made in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const secret = randomBytes(32).toString('base64url');
  const port = await freePort();
  child.process = spawn(process.execPath, [...(process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : []), '--max-semi-space-size=16', '--max-old-space-size=256', '--import', 'tsx', 'subgraphs/red-cross/src/main.ts'], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOI_JWT_SECRET: secret, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const pid = child.process.pid!;
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ready = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ready) break;
    if (i > 600) throw new Error('the subgraph did not start');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const token = await signToken(secret, { subject: 'measure', role: 'national_admin' });
  console.log(`subgraph ready: resident ${vm(pid, 'VmRSS').toFixed(0)} MB, peak so far ${vm(pid, 'VmHWM').toFixed(0)} MB`);
  const upload = performance.now();
  // node:http, not fetch: undici gives up on an answer that takes more than 300 s to start.
  const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest(`${base}/imports/relief-activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-length': String(statSync(file).size) },
    }, (answer) => {
      let body = '';
      answer.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: answer.statusCode ?? 0, body })).on('error', reject);
    });
    request.on('error', reject);
    createReadStream(file).pipe(request);
  });
  const report = JSON.parse(response.body) as { written: number; errorCount: number; errors: unknown[] };
  const seconds = (performance.now() - upload) / 1000;
  console.log(`import: HTTP ${response.status}, ${report.written} written, ${report.errorCount} errors ${JSON.stringify(report.errors?.slice(0, 3))}`);
  console.log(`time: ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s); subgraph peak resident ${vm(pid, 'VmHWM').toFixed(0)} MB, now ${vm(pid, 'VmRSS').toFixed(0)} MB`);
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  const { rows: [counts] } = await check.query(`select (select count(*) from red_cross.relief_activity)::int as activities, (select count(*) from red_cross.audit_entry where entity = 'ReliefActivity')::int as audit`);
  await check.end();
  console.log(`database: ${counts.activities} relief activities, ${counts.audit} audit entries`);
} finally {
  child.process?.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await dropDatabase(adminUrl, database).catch(() => {});
}
