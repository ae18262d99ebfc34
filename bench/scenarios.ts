import type pg from 'pg';
import { encodeCursor } from '@hoi/common/pagination';

/**
 * The scenarios of issue 8 (and S7, issue 14's national reporting completeness), each as the GraphQL operation a client sends, the floor query
 * with its parameters, and the data both must agree on.
 */
export interface Scenario {
  id: string;
  title: string;
  query: string;
  variables: Record<string, unknown>;
  floor: { name: string; params: unknown[] };
  /** The same data from the GraphQL response and from the floor's rows, to compare. */
  fromGraphql(data: any): unknown;
  fromFloor(rows: any[]): unknown;
  /** Also run through Hive Gateway. */
  hive?: boolean;
  /** Also run through Grafbase (routers/grafbase.toml). */
  grafbase?: boolean;
  /** A write: each request adds a row, counted afterwards. */
  mutation?: { marker: (target: string) => string };
}

export interface Subjects {
  year: number;
  period: { type: 'YEAR'; year: number };
  periodStart: string;
  periodEnd: string;
  clubId: string;
  clusterId: string;
  clusterName: string;
  nationalChapterId: string;
  associationId: string;
  associationName: string;
  pageChapterId: string;
  pageChapterName: string;
  pageChapterActivities: number;
  deepPage: number;
  deepCursor: string | null;
  deepKeys: { day: string; id: string } | null;
  mutationChapterId: string;
  mutationDay: string;
  /** The latest half-year or year with Red Cross reports (the year when both end together). */
  reportPeriod: { type: string; year: number; index: number | null };
  reportPeriodStart: string;
  reportPeriodEnd: string;
}

export const PAGE_SIZE = 20;
export const DEEP_PAGE = 500;

/** Picks what the scenarios read: typical rows for by-id reads, the largest units for the aggregates. */
export async function chooseSubjects(client: pg.Client): Promise<Subjects> {
  const one = async (query: string, params: unknown[] = []) => (await client.query(query, params)).rows[0];
  const { last } = await one(`select max(extract(year from occurred_on))::int as last from red_cross.relief_activity`);
  // The last complete year: the current one is still running.
  const year = Number(last) - 1;
  const periodStart = `${year}-01-01`;
  const periodEnd = `${year}-12-31`;
  // A club with a ledger of median length.
  const club = await one(`
    select club_id as id from (
      select club_id, count(*) as n, row_number() over (order by count(*), club_id) as r, count(*) over () as clubs
        from elderly.club_fund_entry group by club_id) x
     where r = (clubs + 1) / 2`);
  // A provincial bloc of a middle-sized province (Bắc Giang when it is there) for the last complete year.
  const cluster = await one(`
    select id, name from emulation.cluster
     where kind = 'ASSOCIATIONS_OF_ONE_PROVINCE'
     -- With --years 1 there is no complete year: the generated year's bloc then.
     order by year = $1 desc, unit_id = 'BEFORE_2025:24' desc, year desc, id limit 1`, [year]);
  const national = await one(`select id from red_cross.chapter where level = 'NATIONAL'`);
  // The provincial association with the most clubs below it: the largest clubStatistics there is.
  const association = await one(`
    select p.id, p.name from elderly.association p
      join elderly.association d on d.parent_id = p.id
      join elderly.association c on c.parent_id = d.id
      join elderly.club k on k.association_id = c.id
     where p.level = 'PROVINCE' group by p.id, p.name order by count(*) desc limit 1`);
  // The provincial chapter that recorded most activities itself: the deepest list to page through.
  const page = await one(`
    select c.id, c.name, count(*)::int as n from red_cross.relief_activity a join red_cross.chapter c on c.id = a.chapter_id
     where c.level = 'PROVINCE' group by c.id, c.name order by n desc limit 1`);
  const deepPage = Math.max(1, Math.min(DEEP_PAGE, Math.floor((page.n - 1) / PAGE_SIZE)));
  // The cursor of the last row of page deepPage - 1: base64url JSON of its sort keys, as the API makes it.
  const keys = deepPage > 1
    ? await one(`
        select -(occurred_on - date '2000-01-01') as k, id, to_char(occurred_on, 'YYYY-MM-DD') as day
          from red_cross.relief_activity where chapter_id = $1
         order by -(occurred_on - date '2000-01-01'), id offset $2 limit 1`, [page.id, (deepPage - 1) * PAGE_SIZE - 1])
    : null;
  const grassroots = await one(`select id from red_cross.chapter where level = 'GRASSROOTS' order by id limit 1`);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const reports = await one(`
    select period_type, to_char(period_start, 'YYYY-MM-DD') as start, to_char(period_end, 'YYYY-MM-DD') as end from red_cross.period_report
     where period_type in ('YEAR', 'HALF_YEAR') group by period_type, period_start, period_end
     order by period_end desc, period_type = 'YEAR' desc limit 1`) ?? { period_type: 'YEAR', start: periodStart, end: periodEnd };
  return {
    year,
    period: { type: 'YEAR', year },
    periodStart,
    periodEnd,
    clubId: club.id,
    clusterId: cluster.id,
    clusterName: cluster.name,
    nationalChapterId: national.id,
    associationId: association.id,
    associationName: association.name,
    pageChapterId: page.id,
    pageChapterName: page.name,
    pageChapterActivities: page.n,
    deepPage,
    deepCursor: keys ? encodeCursor([Number(keys.k), keys.id]) : null,
    deepKeys: keys ? { day: keys.day, id: keys.id } : null,
    mutationChapterId: grassroots.id,
    mutationDay: yesterday,
    reportPeriod: {
      type: reports.period_type,
      year: Number(reports.start.slice(0, 4)),
      index: reports.period_type === 'YEAR' ? null : Number(reports.start.slice(5, 7)) > 6 ? 2 : 1,
    },
    reportPeriodStart: reports.start,
    reportPeriodEnd: reports.end,
  };
}

const RELIEF_PAGE = `query ReliefPage($id: ID!, $after: String) {
  chapter(id: $id) { id reliefActivities(first: ${PAGE_SIZE}, after: $after) {
    edges { node { id kind quantity valueVnd occurredOn } } pageInfo { hasNextPage endCursor } } } }`;

export function buildScenarios(s: Subjects): Scenario[] {
  const reliefPage = (id: string, title: string, after: string | null, floor: Scenario['floor']): Scenario => ({
    id,
    title,
    query: RELIEF_PAGE,
    variables: { id: s.pageChapterId, after },
    floor,
    fromGraphql: (data) => data.chapter.reliefActivities.edges.map((edge: any) => edge.node.id),
    fromFloor: (rows) => rows.slice(0, PAGE_SIZE).map((row) => row.id),
  });
  return [
    {
      id: 'S1',
      title: 'one club by id with its fund',
      hive: true,
      grafbase: true,
      query: `query ClubFund($id: ID!) { club(id: $id) { id name foundedOn fund { balance totalFund outOnLoan borrowers overdueLoans } } }`,
      variables: { id: s.clubId },
      floor: { name: 's1', params: [s.clubId] },
      fromGraphql: ({ club }) => [club.id, club.name, club.foundedOn, club.fund.balance, club.fund.totalFund, club.fund.outOnLoan, club.fund.borrowers, club.fund.overdueLoans],
      fromFloor: ([row]) => [row.id, row.name, row.founded_on, String(row.balance), String(row.total_fund), String(row.out_on_loan), row.borrowers, row.overdue_loans],
    },
    {
      id: 'S2',
      title: 'a cluster, its members and cross-subgraph totals',
      hive: true,
      grafbase: true,
      query: `query ClusterTotals($id: ID!, $period: PeriodInput!) {
        emulationCluster(id: $id) {
          id name year
          members(first: 50) { totalCount edges { node { position organisation {
            __typename ... on Chapter { id name } ... on ElderlyAssociation { id name } ... on ExternalOrganisation { id name } } } } }
          redCrossTotals(period: $period) { chapters individualMembers volunteers casesHelped assistanceValueVnd reliefValueVnd }
          elderlyTotals(period: $period) { associations clubs members totalFund contributedOrRaised outOnLoan borrowers }
        } }`,
      variables: { id: s.clusterId, period: s.period },
      floor: { name: 's2', params: [s.clusterId, 'YEAR', s.periodStart, s.periodEnd] },
      fromGraphql: ({ emulationCluster: c }) => ({
        members: c.members.edges.map(({ node }: any) => [node.position, node.organisation.__typename, node.organisation.id, node.organisation.name]),
        redCross: c.redCrossTotals,
        elderly: c.elderlyTotals,
      }),
      fromFloor: ([r]) => ({
        members: r.members,
        // Totals are VndTotal / WholeNumber: strings of decimal digits.
        redCross: { chapters: r.chapters, individualMembers: String(r.individual_members), volunteers: String(r.volunteers), casesHelped: String(r.cases_helped),
          assistanceValueVnd: String(r.assistance_value_vnd), reliefValueVnd: String(r.relief_value_vnd) },
        elderly: { associations: r.associations, clubs: r.clubs, members: r.club_members, totalFund: String(r.total_fund),
          contributedOrRaised: String(r.contributed_or_raised), outOnLoan: String(r.out_on_loan), borrowers: r.borrowers },
      }),
    },
    {
      id: 'S3',
      grafbase: true,
      title: `national relief ${s.year} by current province`,
      query: `query NationalRelief($chapterId: ID!, $period: PeriodInput!) {
        reliefSummary(chapterId: $chapterId, period: $period, groupBy: [PROVINCE], unitEdition: CURRENT) {
          total { activities quantity peopleReached valueVnd }
          rows { province { id name } activities quantity peopleReached valueVnd } } }`,
      variables: { chapterId: s.nationalChapterId, period: s.period },
      floor: { name: 's3', params: [s.periodStart, s.periodEnd] },
      fromGraphql: ({ reliefSummary: r }) => [
        [r.total.activities, r.total.quantity, r.total.peopleReached, r.total.valueVnd],
        ...r.rows.map((row: any) => [row.province?.id ?? null, row.province?.name ?? null, row.activities, row.quantity, row.peopleReached, row.valueVnd]),
      ],
      fromFloor: (rows) => [
        ...rows.filter((row) => row.is_total).map((row) => [row.activities, String(row.quantity), String(row.people_reached), String(row.value_vnd)]),
        ...rows.filter((row) => !row.is_total).map((row) => [row.province_id, row.name, row.activities, String(row.quantity), String(row.people_reached), String(row.value_vnd)]),
      ],
    },
    {
      id: 'S4',
      grafbase: true,
      title: 'national club statistics by current province',
      query: `query ClubStatistics($associationId: ID, $period: PeriodInput!) {
        clubStatistics(associationId: $associationId, period: $period, groupBy: CURRENT_PROVINCE) {
          total { clubs members boardMembers ethnicMinorityShare { basisPoints } poorShare { basisPoints } nearPoorShare { basisPoints } }
          rows { unit { id name } clubs members ethnicMinorityMembers poorMembers nearPoorMembers
                 ethnicMinorityShare { basisPoints percent } poorShare { basisPoints percent } nearPoorShare { basisPoints percent } } } }`,
      // No association: the whole country, every provincial association's subtree.
      variables: { associationId: null, period: s.period },
      floor: { name: 's4', params: [null, s.periodEnd] },
      fromGraphql: ({ clubStatistics: r }) => [
        [r.total.clubs, r.total.members, r.total.boardMembers, r.total.ethnicMinorityShare.basisPoints, r.total.poorShare.basisPoints, r.total.nearPoorShare.basisPoints],
        ...r.rows.map((row: any) => [row.unit?.id ?? null, row.unit?.name ?? null, row.clubs, row.members, row.ethnicMinorityMembers, row.poorMembers,
          row.nearPoorMembers, row.ethnicMinorityShare.basisPoints, row.poorShare.basisPoints, row.nearPoorShare.basisPoints]),
      ],
      fromFloor: (rows) => [
        ...rows.filter((row) => row.is_total).map((row) => [row.clubs, row.members, row.board_members, row.minority_bp, row.poor_bp, row.near_poor_bp]),
        ...rows.filter((row) => !row.is_total).map((row) => [row.unit_id, row.name, row.clubs, row.members, row.minority, row.poor, row.near_poor,
          row.minority_bp, row.poor_bp, row.near_poor_bp]),
      ],
    },
    reliefPage('S5p1', `page 1 of ${s.pageChapterName}'s relief (${s.pageChapterActivities} activities)`, null, { name: 's5first', params: [s.pageChapterId] }),
    {
      ...reliefPage('S5', `page ${s.deepPage} of the same list (keyset cursor)`, s.deepCursor,
        s.deepKeys ? { name: 's5after', params: [s.pageChapterId, s.deepKeys.day, s.deepKeys.id] } : { name: 's5first', params: [s.pageChapterId] }),
      grafbase: true,
    },
    {
      id: 'S7',
      grafbase: true,
      title: `national Red Cross reporting completeness ${s.reportPeriod.type === 'YEAR' ? s.reportPeriod.year : `H${s.reportPeriod.index} ${s.reportPeriod.year}`} by current province`,
      query: `query NationalReporting($period: PeriodInput!) {
        nationalReportingCompleteness(period: $period, unitEdition: CURRENT) {
          kind provinces { province { id name } expected missing draft submitted returned approved late } } }`,
      variables: { period: s.reportPeriod },
      floor: { name: 's7', params: ['ACTIVITIES', s.reportPeriod.type, s.reportPeriodStart, s.reportPeriodEnd] },
      fromGraphql: ({ nationalReportingCompleteness: r }) => r.provinces.map((row: any) => [row.province?.id ?? null, row.province?.name ?? null,
        row.expected, row.missing, row.draft, row.submitted, row.returned, row.approved, row.late]),
      fromFloor: (rows) => rows.map((row) => [row.province_id, row.name, row.expected, row.missing, row.draft, row.submitted, row.returned, row.approved, row.late]),
    },
    {
      id: 'S6',
      grafbase: true,
      title: 'recordReliefActivity under concurrent load',
      query: `mutation Record($input: ReliefActivityInput!) { recordReliefActivity(input: $input) { id } }`,
      variables: {},
      floor: { name: 's6', params: [] },
      fromGraphql: () => null,
      fromFloor: () => null,
      mutation: { marker: (target) => `bench:${target}` },
    },
  ];
}

/** The mutation's variables (or floor parameters) with a note that marks which run wrote the row. */
export function mutationInput(s: Subjects, note: string) {
  return {
    variables: { input: { chapterId: s.mutationChapterId, kind: 'GIFT_PACKAGES', quantity: 10, peopleReached: 10, valueVnd: 5_000_000, occurredOn: s.mutationDay, note } },
    params: [s.mutationChapterId, s.mutationDay, note],
  };
}

/** Lists of 10, 100 and 1,000 items: the statements a request costs must not grow with them. */
export const FLAT_LISTS = [
  { items: 10, clubs: 10, members: 1 },
  { items: 100, clubs: 100, members: 1 },
  { items: 1000, clubs: 100, members: 10 },
].map((list) => ({
  ...list,
  // Page sizes as variables, as clients send them (graphql-armor's cost limit multiplies by a literal `first` only).
  query: `query Flat($clubs: Int!, $members: Int!) { clubs(first: $clubs) { edges { node { id name fund { balance } association { name parent { name } }
    members(first: $members) { edges { node { id } } } } } } }`,
  variables: { clubs: list.clubs, members: list.members },
  count: (data: any) => data.clubs.edges.reduce((sum: number, edge: any) => sum + Math.max(1, edge.node.members.edges.length), 0),
}));
