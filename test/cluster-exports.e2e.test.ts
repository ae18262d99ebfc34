import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stableId } from '@hoi/common/ids';
import { createLogger } from '@hoi/common/logger';
import type { RunningService } from '@hoi/common/server';
import { startGateway } from '@hoi/gateway';
import { readSupergraph, readTrustedDocuments } from '../scripts/composition.ts';
import { seedClusters } from '../subgraphs/emulation/src/cluster/emulation-cluster.seed.ts';
import { withDatabase } from './database.ts';
import { fetchesFor, gatewayUrl, graphql, tokenFor } from './graphql.ts';
import { expectFigures, expectRefusal, exportHosts, getFrom, readExport } from './spreadsheet-exports.ts';

/**
 * A cluster's cross-subgraph figures as spreadsheets: red-cross and elderly resolve them only for
 * the gateway (`@requires` on the member ids emulation holds), so the gateway's host runs these
 * exports over the supergraph and the owning subgraph lays them out. Each export × format,
 * downloaded from the gateway's host, opened again with exceljs or csv-parse, every figure and
 * name compared with the GraphQL answer of the same field through the gateway; then the refusals,
 * JSON with a code, and the owning subgraph's answer that the gateway serves them.
 */
const CLUSTER_2022 = stableId('emulation:red-cross-midland-northern-mountain-2022');
let elderlyCluster = '';
type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const STATES = ['expected', 'missing', 'draft', 'submitted', 'returned', 'approved', 'late'];
const RED_CROSS_TOTALS = ['chapters', 'grassrootsOrganisations', 'branches', 'individualMembers', 'collectiveMembers', 'volunteers', 'casesHelped', 'assistanceValueVnd', 'reliefValueVnd'];
const ELDERLY_TOTALS = ['associations', 'clubs', 'members', 'totalFund', 'contributedOrRaised', 'outOnLoan', 'borrowers'];
const names = (list: { name: string }[]) => list.map((item) => item.name).join('; ');

interface Case {
  name: string;
  owner: 'red-cross' | 'elderly';
  args(): string;
  /** The same field, the same arguments, through the gateway. */
  query: string;
  variables(): Record<string, unknown>;
  /** The rows under the headers, as the answer gives them: figures as numbers, names as text. */
  rows(cluster: Data): (string | number)[][];
  headers: string[];
  /** Columns of figures (numbers in XLSX, shown `#,##0`). */
  figureColumns: number[];
  title(cluster: Data): string[];
}

const CASES: Case[] = [
  {
    name: 'cluster-red-cross-totals',
    owner: 'red-cross',
    args: () => `clusterId=${CLUSTER_2022}&period.type=YEAR&period.year=2022`,
    query: `query ($id: ID!) { emulationCluster(id: $id) { name year redCrossTotals(period: { type: YEAR, year: 2022 }) { ${RED_CROSS_TOTALS.join(' ')} } } }`,
    variables: () => ({ id: CLUSTER_2022 }),
    rows: (cluster) => RED_CROSS_TOTALS.map((figure) => [expect.any(String) as unknown as string, Number(cluster.redCrossTotals[figure])]),
    headers: ['Chỉ tiêu', 'Số lượng'],
    figureColumns: [1],
    title: (cluster) => ['Hội Chữ thập đỏ', cluster.name, 'Năm 2022 (01/01/2022 – 31/12/2022)'],
  },
  {
    name: 'cluster-red-cross-totals',
    owner: 'red-cross',
    args: () => `clusterId=${CLUSTER_2022}&period.type=YEAR&period.year=2022&basis=APPROVED`,
    query: `query ($id: ID!) { emulationCluster(id: $id) { name year redCrossTotals(period: { type: YEAR, year: 2022 }, basis: APPROVED) {
      ${RED_CROSS_TOTALS.join(' ')} approvedReports { organisationId } } } }`,
    variables: () => ({ id: CLUSTER_2022 }),
    rows: (cluster) => RED_CROSS_TOTALS.map((figure) => [expect.any(String) as unknown as string, Number(cluster.redCrossTotals[figure])]),
    headers: ['Chỉ tiêu', 'Số lượng'],
    figureColumns: [1],
    title: (cluster) => [cluster.name, 'Năm 2022', `Số liệu báo cáo đã duyệt của ${cluster.redCrossTotals.approvedReports.length} đơn vị`],
  },
  {
    name: 'cluster-red-cross-completeness',
    owner: 'red-cross',
    args: () => `clusterId=${CLUSTER_2022}&period.type=YEAR&period.year=2022&kind=ACTIVITIES`,
    query: `query ($id: ID!) { emulationCluster(id: $id) { name year redCrossCompleteness(period: { type: YEAR, year: 2022 }, kind: ACTIVITIES) {
      ${STATES.join(' ')} missingChapters { name } lateChapters { name } } } }`,
    variables: () => ({ id: CLUSTER_2022 }),
    rows: (cluster) => {
      const completeness = cluster.redCrossCompleteness;
      const named: Record<string, string> = { missing: names(completeness.missingChapters), late: names(completeness.lateChapters) };
      return STATES.map((state) => [expect.any(String) as unknown as string, completeness[state], named[state] ?? '']);
    },
    headers: ['Tình trạng', 'Số đơn vị', 'Đơn vị'],
    figureColumns: [1],
    title: (cluster) => ['Tình hình báo cáo', cluster.name, 'Năm 2022', 'các đơn vị thành viên'],
  },
  {
    name: 'cluster-elderly-totals',
    owner: 'elderly',
    args: () => `clusterId=${elderlyCluster}&period.type=HALF_YEAR&period.year=2019&period.index=1&basis=LIVE`,
    query: `query ($id: ID!) { emulationCluster(id: $id) { name year elderlyTotals(period: { type: HALF_YEAR, year: 2019, index: 1 }, basis: LIVE) { ${ELDERLY_TOTALS.join(' ')} } } }`,
    variables: () => ({ id: elderlyCluster }),
    rows: (cluster) => ELDERLY_TOTALS.map((figure) => [expect.any(String) as unknown as string, Number(cluster.elderlyTotals[figure])]),
    headers: ['Chỉ tiêu', 'Số lượng'],
    figureColumns: [1],
    title: (cluster) => ['Hội Người cao tuổi', cluster.name, '6 tháng đầu năm 2019 (01/01/2019 – 30/06/2019)'],
  },
  {
    name: 'cluster-elderly-completeness',
    owner: 'elderly',
    args: () => `clusterId=${elderlyCluster}&period.type=YEAR&period.year=2019`,
    query: `query ($id: ID!) { emulationCluster(id: $id) { name year elderlyCompleteness(period: { type: YEAR, year: 2019 }) {
      ${STATES.join(' ')} missingAssociations { name } lateAssociations { name } } } }`,
    variables: () => ({ id: elderlyCluster }),
    rows: (cluster) => {
      const completeness = cluster.elderlyCompleteness;
      return [[cluster.name, ...STATES.map((state) => completeness[state] as number), names(completeness.missingAssociations), names(completeness.lateAssociations)]];
    },
    headers: ['Cụm, khối thi đua', 'Phải báo cáo', 'Chưa báo cáo', 'Dự thảo', 'Đã gửi, chờ duyệt', 'Bị trả lại', 'Đã duyệt', 'Nộp muộn', 'Hội chưa báo cáo', 'Hội nộp muộn'],
    figureColumns: [1, 2, 3, 4, 5, 6, 7],
    title: (cluster) => ['Hội thành viên', cluster.name, 'Năm 2019'],
  },
];

const gateway = exportHosts('red-cross').gateway;

describe('a cluster\'s cross-subgraph figures as spreadsheets, from the gateway\'s host', () => {
  beforeAll(async () => {
    await withDatabase(async (client) => {
      [elderlyCluster] = await seedClusters(client, { year: 2091, count: 1, namePrefix: 'Khối NCT xuất báo cáo', members: [{ elderlyAssociationId: stableId('elderly:lai-chau') }] });
    });
  });

  const runs = CASES.flatMap((testCase) => (['xlsx', 'csv'] as const).map((format) => ({ testCase, format, basis: /basis=APPROVED/.test(testCase.args()) ? 'APPROVED' : 'LIVE' })));
  it.each(runs)('$testCase.name ($basis) as $format: every figure is the GraphQL answer\'s through the gateway', async ({ testCase, format }) => {
    const answer = await graphql<Data>(gatewayUrl(), testCase.query, testCase.variables(), randomUUID(), { token: null });
    expect(answer.errors).toBeUndefined();
    const cluster = answer.data!.emulationCluster;
    // Public figures: anyone, through the gateway.
    const read = await readExport(gateway(), `/exports/${testCase.name}.${format}?${testCase.args()}`, null);
    for (const part of testCase.title(cluster)) expect(read.title).toContain(part);
    expect(read.headers).toEqual(testCase.headers);
    const expected = testCase.rows(cluster);
    expect(expected.flat().some((cell) => typeof cell === 'number' && cell > 0), 'the data has figures here').toBe(true);
    expectFigures(read, expected, `${testCase.name}.${format}`);
    if (format === 'xlsx') {
      for (const row of read.rows) for (const column of testCase.figureColumns) expect(typeof row[column]).toBe('number');
      for (const column of testCase.figureColumns) expect(read.formats[column]).toBe('#,##0');
    }
  });

  it('runs the operation as the caller\'s own request: the same request id reaches the subgraphs that own the figures', async () => {
    const requestId = `cluster-export-${randomUUID()}`;
    const response = await fetch(`${gateway()}/exports/cluster-red-cross-totals.csv?${CASES[0].args()}`, { headers: { 'x-request-id': requestId } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    await response.arrayBuffer();
    const fetches = await fetchesFor(requestId);
    expect(fetches.emulation).toBeGreaterThan(0);
    expect(fetches['red-cross']).toBeGreaterThan(0);
  });

  it('answers NOT_APPROVED with a code, not a 500, for approved figures no member\'s report holds', async () => {
    for (const [name, cluster] of [['cluster-red-cross-totals', CLUSTER_2022], ['cluster-elderly-totals', elderlyCluster]]) {
      const response = await getFrom(gateway(), `/exports/${name}.xlsx?clusterId=${cluster}&period.type=YEAR&period.year=2011&basis=APPROVED`, null);
      await expectRefusal(response, 400, 'NOT_APPROVED', name);
    }
  });

  it.each(CASES.filter((testCase, index) => CASES.findIndex((other) => other.name === testCase.name) === index))('$name: refusals are JSON with a code, never a 500', async (testCase) => {
    const args = testCase.args();
    const path = (format: string, query: string) => `/exports/${testCase.name}.${format}?${query}`;
    const withoutPeriod = args.split('&').filter((arg) => !arg.startsWith('period.')).join('&');
    await expectRefusal(await getFrom(gateway(), path('xlsx', withoutPeriod), null), 400, 'BAD_USER_INPUT', 'no period');
    const decade = await getFrom(gateway(), path('csv', args.replace(/period\.type=[A-Z_]+/, 'period.type=DECADE')), null);
    expect(decade.status, 'a period type that is none').toBe(400);
    expect((await decade.json()).errors[0].extensions.code).toEqual(expect.any(String));
    await expectRefusal(await getFrom(gateway(), path('csv', args), 'not-a-token'), 401, 'UNAUTHENTICATED', 'a token that is not one');
    await expectRefusal(await getFrom(gateway(), path('xlsx', args.replace(/clusterId=[^&]+/, `clusterId=${randomUUID()}`)), null), 404, 'NOT_FOUND', 'no such cluster');
    await expectRefusal(await getFrom(gateway(), path('xlsx', args), await tokenFor({ role: 'partner', subgraph: testCase.owner })), 403, 'FORBIDDEN', 'a partner through the gateway');
    // The owning subgraph cannot read the figures alone: it says the gateway's host serves them.
    const subgraph = exportHosts(testCase.owner).subgraph();
    for (const token of [null, await tokenFor({ role: 'partner', subgraph: testCase.owner })]) {
      for (const format of ['xlsx', 'csv']) {
        const response = await getFrom(subgraph, path(format, args), token);
        const label = `${testCase.owner} host, ${format}, ${token ? 'partner' : 'anonymous'}`;
        const body = (await response.clone().json()) as { errors: { message: string }[] };
        expect(body.errors[0].message, label).toMatch(/gateway/);
        await expectRefusal(response, 404, 'SERVED_BY_GATEWAY', label);
      }
    }
    // Only the gateway posts an answer to be laid out.
    const forged = await fetch(`${subgraph}${path('xlsx', args)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: {}, variables: {} }) });
    await expectRefusal(forged, 404, 'SERVED_BY_GATEWAY', 'a layout not posted by the gateway');
    const notJson = await fetch(`${subgraph}${path('csv', args)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{ not json' });
    await expectRefusal(notJson, 404, 'SERVED_BY_GATEWAY', 'a body that is no JSON, not posted by the gateway');
    await expectRefusal(await fetch(`${subgraph}/exports/relief-by-month.xlsx`, { method: 'POST' }), 404, 'NOT_FOUND', 'a subgraph export is not laid out from a posted answer');
    const index = (await (await fetch(`${subgraph}/spreadsheets`)).json()) as { exports: string[]; supergraph: { name: string }[] };
    expect(index.exports).toContain(testCase.name);
    expect(index.supergraph.map((summary) => summary.name)).toContain(testCase.name);
  });
});

describe('on a production gateway, which runs only trusted documents for anonymous callers', () => {
  let production: RunningService | null = null;
  beforeAll(async () => {
    production = await startGateway({
      supergraphSdl: readSupergraph(),
      subgraphUrls: inject('subgraphUrls'),
      port: 0,
      logger: createLogger('cluster-exports-test'),
      gatewaySecret: inject('gatewaySecret'),
      trustedDocuments: readTrustedDocuments(),
      enforceSafelist: true,
    });
  });
  afterAll(async () => {
    await production?.stop();
  });

  it('an anonymous caller downloads a cluster export: its operation is the server\'s, not the caller\'s', async () => {
    const host = production!.url.replace(/\/graphql$/, '');
    // The same operation sent by the caller is refused there: enforcement is on.
    const adHoc = await graphql(production!.url, CASES[0].query, CASES[0].variables(), randomUUID(), { token: null });
    expect(adHoc.errors?.[0].extensions?.code).toBe('OPERATION_NOT_SAFELISTED');
    const answer = await graphql<Data>(gatewayUrl(), CASES[0].query, CASES[0].variables(), randomUUID(), { token: null });
    const read = await readExport(host, `/exports/${CASES[0].name}.csv?${CASES[0].args()}`, null);
    expectFigures(read, CASES[0].rows(answer.data!.emulationCluster), 'production gateway');
  });
});

