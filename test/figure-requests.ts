import { stableId } from '@hoi/common/ids';

/**
 * The requests of the figure tests (the articles' numbers, read through the gateway), named, in
 * one place: the figure tests assert the articles' figures on their answers, and
 * test/routers.e2e.test.ts sends every one of them through another router too.
 */
export interface NamedRequest {
  query: string;
  variables: Record<string, unknown>;
}

const LAI_CHAU_ASSOCIATION = stableId('elderly:lai-chau');
const THAI_NGUYEN_ASSOCIATION = stableId('elderly:thai-nguyen');
const LAO_CAI_CHAPTER = stableId('red-cross:lao-cai');
const NATIONAL_CHAPTER = stableId('red-cross:national');

const CLUB_STATISTICS = `query ($id: ID!, $period: PeriodInput!, $groupBy: ClubGrouping, $since: LocalDate) {
  clubStatistics(associationId: $id, period: $period, groupBy: $groupBy, foundedSince: $since) {
    total { clubs clubsFoundedSince members boardMembers ethnicMinorityMembers ethnicMinorityShare { percent } membersOver55 over55Share { percent } poorMembers nearPoorMembers }
    rows { unit { name } clubs }
  }
}`;

const RELIEF_BY_PROVINCE = `query ($id: ID!, $edition: UnitEdition!) { reliefSummary(chapterId: $id, period: { type: YEAR, year: 2022 }, groupBy: [PROVINCE], unitEdition: $edition) {
  rows { province { id name } activities valueVnd } total { valueVnd }
} }`;

export const FIGURE_REQUESTS = {
  // test/elderly-figures.e2e.test.ts
  laiChauClubStatistics: {
    query: CLUB_STATISTICS,
    variables: { id: LAI_CHAU_ASSOCIATION, period: { type: 'HALF_YEAR', year: 2019, index: 1 }, since: '2019-01-01' },
  },
  laiChauIntakes: {
    query: `query ($id: ID!) { elderlyAssociation(id: $id) { membershipIntakes { period { start end } newMembers } } }`,
    variables: { id: LAI_CHAU_ASSOCIATION },
  },
  thaiNguyenClubsByOldDistrict: {
    query: CLUB_STATISTICS,
    variables: { id: THAI_NGUYEN_ASSOCIATION, period: { type: 'YEAR', year: 2023 }, groupBy: 'OLD_DISTRICT', since: '2019-01-01' },
  },
  thaiNguyenClubsByCurrentProvince: {
    query: CLUB_STATISTICS,
    variables: { id: THAI_NGUYEN_ASSOCIATION, period: { type: 'YEAR', year: 2023 }, groupBy: 'CURRENT_PROVINCE' },
  },
  thaiNguyenApprovedReport2023: {
    query: `query ($id: ID!) { elderlyAssociation(id: $id) { periodReports(period: { type: YEAR, year: 2023 }) {
      kind state version missingChildIds differences { figure }
      figures(basis: APPROVED) { clubsAndMembers { clubs members } fundClubs }
      snapshots { version figures { clubsAndMembers { clubs members } } }
    } } }`,
    variables: { id: THAI_NGUYEN_ASSOCIATION },
  },
  // test/emulation-figures.e2e.test.ts
  redCrossClusterProvinces: {
    query: `query ($id: ID!) { emulationCluster(id: $id) { name year reportedMemberCount members { totalCount edges { node { organisation {
      ... on Chapter { name unit { shortName successors { shortName } } }
    } } } } } }`,
    variables: { id: stableId('emulation:red-cross-midland-northern-mountain-2022') },
  },
  bloc8Members: {
    query: `query ($id: ID!) { emulationCluster(id: $id) { name year kind reportedMemberCount members { totalCount edges { node { position organisation {
      __typename ... on ElderlyAssociation { name } ... on Chapter { name } ... on ExternalOrganisation { name }
    } } } } } }`,
    variables: { id: stableId('emulation:binh-thuan-bloc-8-2024') },
  },
  // test/red-cross-figures.e2e.test.ts
  laoCaiReliefByCampaignAndKind: {
    query: `query ($id: ID!) { reliefSummary(chapterId: $id, period: { type: HALF_YEAR, year: 2022, index: 1 }, groupBy: [CAMPAIGN, KIND]) {
      rows { campaign { name } kind quantity peopleReached valueVnd }
      total { valueVnd }
    } }`,
    variables: { id: LAO_CAI_CHAPTER },
  },
  laoCaiTargets: {
    query: `query ($id: ID!) { chapter(id: $id) { targets { metric value period { type start end } campaign { name } setBy { name } achievement { actual basisPoints percent } } } }`,
    variables: { id: LAO_CAI_CHAPTER },
  },
  provinceMembershipTotals2022: {
    query: `{ chapters(level: PROVINCE, first: 100) { edges { node { id membershipTotals(period: { type: YEAR, year: 2022 }) {
      grassrootsOrganisations branches individualMembers collectiveMembers } } } } }`,
    variables: {},
  },
  nationalReliefByChildChapterAndKind: {
    query: `query ($id: ID!) { reliefSummary(chapterId: $id, period: { type: YEAR, year: 2022 }, groupBy: [CHILD_CHAPTER, KIND]) {
      rows { childChapter { id: name } kind peopleReached valueVnd }
    } }`,
    variables: { id: NATIONAL_CHAPTER },
  },
  nationalReliefByOldProvince: { query: RELIEF_BY_PROVINCE, variables: { id: NATIONAL_CHAPTER, edition: 'BEFORE_2025' } },
  nationalReliefByCurrentProvince: { query: RELIEF_BY_PROVINCE, variables: { id: NATIONAL_CHAPTER, edition: 'CURRENT' } },
  laoCaiReliefByMonth: {
    query: `query ($id: ID!) { reliefByMonth(chapterId: $id, period: { type: HALF_YEAR, year: 2022, index: 1 }) { month activities peopleReached valueVnd } }`,
    variables: { id: LAO_CAI_CHAPTER },
  },
} satisfies Record<string, NamedRequest>;
