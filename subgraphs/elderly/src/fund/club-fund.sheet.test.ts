import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, graphql, subgraphUrl, tokenFor } from '../../../../test/graphql.ts';
import { seedAssociationWithClubs } from '../club/club.seed.ts';

/**
 * The spreadsheet mechanism with a second kind, of another subgraph: money into club funds,
 * written by `recordFundEntry`'s own code, its ledger's date order checked row after row.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HOSTS = { gateway: () => gatewayUrl().replace(/\/graphql$/, ''), subgraph: () => subgraphUrl('elderly').replace(/\/graphql$/, '') };
const CLUB = 'CLB Bảng Tính Hòa Bình';
let clubId: string;
let manager: string;

async function filled(rows: unknown[][]): Promise<Buffer> {
  const response = await fetch(`${HOSTS.gateway()}/templates/fund-entries.xlsx`, { headers: { authorization: `Bearer ${manager}` } });
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
  expect((workbook.getWorksheet('Danh mục')!.getColumn(1).values as unknown[]).slice(2)).toEqual([CLUB]);
  const sheet = workbook.getWorksheet('Dữ liệu')!;
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const upload = async (host: keyof typeof HOSTS, file: Buffer) => {
  const response = await fetch(`${HOSTS[host]()}/imports/fund-entries`, { method: 'POST', headers: { authorization: `Bearer ${manager}`, 'content-type': XLSX }, body: new Uint8Array(file) });
  return { status: response.status, report: await response.json() };
};

const totalFund = async () => {
  const result = await graphql<{ club: { fund: { totalFund: string }; fundEntries: { totalCount: number } } }>(
    subgraphUrl('elderly'),
    `query ($id: ID!) { club(id: $id) { fund { totalFund } fundEntries { totalCount } } }`,
    { id: clubId },
  );
  return { total: result.data!.club.fund.totalFund, entries: result.data!.club.fundEntries.totalCount };
};

describe('club fund inflows in spreadsheets', () => {
  beforeAll(async () => {
    const seeded = await withDatabase((client) => seedAssociationWithClubs(client, { name: `Hội NCT xã Bảng Tính ${randomUUID().slice(0, 4)}`, level: 'COMMUNE' }, [{ name: CLUB }]));
    clubId = seeded.clubIds.get(CLUB)!;
    manager = await tokenFor({ role: 'club_manager', scope: [clubId], subject: 'sheet-club-manager' });
  });

  it('writes rows through the mutation\'s code, refuses a row out of the ledger\'s date order, and writes nothing twice', async () => {
    const outOfOrder = await filled([
      ['CLB Bảng Tính Hoà Bình', 'Vốn cấp (vốn ban đầu)', '25.000.000', '10/01/2013', 'Vốn ban đầu'],
      [CLUB, 'thanh vien dong gop', 2_500_000, new Date('2013-03-15T00:00:00Z'), 'Đóng góp quý I'],
      [CLUB, 'Lãi', 100_000, '01/02/2013', 'Lãi tháng 1'],
    ]);
    const refused = await upload('subgraph', outOfOrder);
    expect(refused.status).toBe(422);
    expect(refused.report.errors.map(({ row, column, code }: Record<string, unknown>) => ({ row, column, code }))).toEqual([{ row: 4, column: 'Ngày', code: 'RULE_VIOLATION' }]);
    expect(await totalFund()).toEqual({ total: '0', entries: 0 });

    const inOrder = await filled([
      ['CLB Bảng Tính Hoà Bình', 'Vốn cấp (vốn ban đầu)', '25.000.000', '10/01/2013', 'Vốn ban đầu'],
      [CLUB, 'Lãi', 100_000, '01/02/2013', 'Lãi tháng 1'],
      [CLUB, 'thanh vien dong gop', 2_500_000, new Date('2013-03-15T00:00:00Z'), 'Đóng góp quý I'],
    ]);
    const written = await upload('gateway', inOrder);
    expect(written.status, JSON.stringify(written.report)).toBe(200);
    expect(written.report).toMatchObject({ written: 3, errorCount: 0 });
    expect(await totalFund()).toEqual({ total: '27600000', entries: 3 });
    expect((await upload('subgraph', inOrder)).report).toMatchObject({ written: 0, alreadyImported: 3 });
    expect(await totalFund()).toEqual({ total: '27600000', entries: 3 });
  });
});
