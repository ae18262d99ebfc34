import { expect } from 'vitest';
import { gatewayUrl, graphql, subgraphUrl } from '../../../../test/graphql.ts';
import { day, describeSheetKind, ownChapters } from '../spreadsheet.test-support.ts';

/**
 * Blood donation receipts in and out of spreadsheets: the tests every kind passes (see
 * describeSheetKind), with this kind's cases. Days of 2014 (nothing is recorded in the future);
 * chapters of this file only.
 */
const own = ownChapters('Giọt Máu', { periodType: 'YEAR', start: '2014-01-01', end: '2014-12-31' });
const { district: DISTRICT, commune: COMMUNE, locked: LOCKED, communeCode: COMMUNE_CODE } = own;
const PROGRAMME = 'Giọt hồng Thủy Giọt Máu';

const KINDS: Record<string, 'PLANNED' | 'EMERGENCY'> = { 'Theo kế hoạch': 'PLANNED', 'theo ke hoach': 'PLANNED', 'Đột xuất': 'EMERGENCY', 'dot xuat': 'EMERGENCY' };
const units = (cell: unknown) => (typeof cell === 'number' ? cell : Number(String(cell).replace(/\./g, '')));
const MONTH: Record<string, number> = { gateway: 3, subgraph: 4 };

describeSheetKind({
  kind: 'blood-donation-receipts',
  table: 'blood_unit_receipt',
  headers: ['Đơn vị Hội', 'Ngày tiếp nhận', 'Số đơn vị máu', 'Hình thức', 'Chương trình hiến máu', 'Ghi chú'],
  listColumns: ['A', 'D'],
  chapters: own.chapters,
  async setup(ids) {
    const created = await graphql(subgraphUrl('red-cross'), `mutation ($input: BloodDonationProgrammeInput!) { createBloodDonationProgramme(input: $input) { id } }`, {
      input: { name: PROGRAMME, scope: 'LOCAL', organiserChapterId: ids.get(DISTRICT) },
    });
    expect(created.errors).toBeUndefined();
  },
  // The commune by name in the other tone-mark style, by unit code and by id; a programme by name
  // without its case; kinds by label with and without marks; Excel dates, typed dates, 1.050-style numbers.
  good(ids, host) {
    const month = String(MONTH[host]).padStart(2, '0');
    return [
      [own.written.commune, day(`2014-${month}-02`), 120, 'Theo kế hoạch', 'giọt hồng thủy giọt máu', 'Đợt 1'],
      [COMMUNE_CODE, `15/${month}/2014`, '1.050', 'theo ke hoach', PROGRAMME, null],
      [ids.get(COMMUNE), `16/${month}/2014`, 3, 'Đột xuất', null, 'Cấp cứu'],
      [COMMUNE, day(`2014-${month}-28`), 7, 'dot xuat', null, null],
      // Two identical rows are two receipts, each written once.
      [COMMUNE, day(`2014-${month}-28`), 7, 'dot xuat', null, null],
    ];
  },
  async readBack(ids, host, rows) {
    const answer = await graphql<{ chapter: { bloodDonationSummary: Record<string, string> } }>(
      gatewayUrl(),
      `query ($id: ID!, $month: Int!) { chapter(id: $id) { bloodDonationSummary(period: { type: MONTH, year: 2014, index: $month }) { plannedUnits emergencyUnits totalUnits } } }`,
      { id: ids.get(COMMUNE), month: MONTH[host] },
    );
    const sum = (kind?: string) => rows.filter((row) => !kind || KINDS[row[3] as string] === kind).reduce((total, row) => total + units(row[2]), 0);
    return {
      answered: answer.data!.chapter.bloodDonationSummary,
      fromFile: { plannedUnits: String(sum('PLANNED')), emergencyUnits: String(sum('EMERGENCY')), totalUnits: String(sum()) },
    };
  },
  fiveErrors: () => ({
    rows: [
      [COMMUNE, day('2014-05-02'), 10, 'Theo kế hoạch', null, null],
      [COMMUNE, '31/02/2014', 10, 'Theo kế hoạch', null, null],
      // The input type's own rule (at least one unit), as the mutation applies it.
      [COMMUNE, day('2014-05-02'), 0, 'Theo kế hoạch', null, null],
      [COMMUNE, day('2014-05-02'), 10, 'Khẩn cấp', null, null],
      [COMMUNE, day('2014-05-02'), 10, 'Theo kế hoạch', 'Không có chương trình này', null],
      [COMMUNE, day('2014-05-03'), 10, 'Đột xuất', null, null],
      // The mutation's own rule: nothing recorded before it happens.
      [COMMUNE, '01/01/2099', 10, 'Theo kế hoạch', null, null],
    ],
    errors: [
      { row: 3, column: 'Ngày tiếp nhận', code: 'INVALID_DATE' },
      { row: 4, column: 'Số đơn vị máu', code: 'BAD_USER_INPUT' },
      { row: 5, column: 'Hình thức', code: 'NOT_IN_LIST' },
      { row: 6, column: 'Chương trình hiến máu', code: 'NOT_FOUND' },
      { row: 8, column: 'Ngày tiếp nhận', code: 'BAD_USER_INPUT' },
    ],
  }),
  // Each of the 4 first rows is another chapter and month, with and without a programme; the next repeat them.
  sameCost: (_ids, n, run) =>
    Array.from({ length: n }, (_, i) => [i % 2 ? COMMUNE : DISTRICT, `${String(1 + (i % 28)).padStart(2, '0')}/${i % 4 < 2 ? '09' : '10'}/2014`, 1 + i, i % 3 ? 'Theo kế hoạch' : 'Đột xuất', i % 4 === 0 || i % 4 === 3 ? PROGRAMME : null, `${run} ${i}`]),
  locked: () => ({
    rows: [
      [LOCKED, day('2014-06-01'), 5, 'Theo kế hoạch', null, null],
      [LOCKED, day('2015-06-01'), 5, 'Theo kế hoạch', null, null],
      [LOCKED, '31/12/2014', 5, 'Đột xuất', null, null],
    ],
    errors: [
      { row: 2, column: 'Ngày tiếp nhận', code: 'PERIOD_LOCKED' },
      { row: 4, column: 'Ngày tiếp nhận', code: 'PERIOD_LOCKED' },
    ],
  }),
});
