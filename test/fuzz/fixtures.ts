import { seedAssociationWithClubs } from '../../subgraphs/elderly/src/club/club.seed.ts';
import { seedCycle, seedCycleClusters } from '../../subgraphs/emulation/src/cycle/cycle.seed.ts';
import { seedChapterTree } from '../../subgraphs/red-cross/src/chapter/chapter.seed.ts';
import { seedTerm } from '../../subgraphs/red-cross/src/governance/term.seed.ts';
import { withDatabase } from '../database.ts';
import { gatewayUrl, graphql } from '../graphql.ts';

/**
 * Organisations of the fuzz suite's own, so that what it writes changes no figure another test
 * reads: a Red Cross province chapter outside the national tree, an Elderly Association province
 * unit with one club, and emulation clusters of the year 2005, which no other test uses.
 */
export interface Fixtures {
  province: string;
  district: string;
  grassroots: string;
  termId: string;
  documentId: string;
  campaignId: string;
  programmeId: string;
  associationId: string;
  clubId: string;
  memberId: string;
  groupId: string;
  entryId: string;
  clusters: { registration: string; criteria: string; criteriaSet: string; scoring: string; ranked: string };
  members: { registration: string[]; criteria: string[]; criteriaSet: string[]; scoring: string[]; ranked: string[] };
  criterionId: string;
  /** A Red Cross period report of the district for the fuzz year, submitted. */
  reportId: string;
  /** An Elderly Association period report of the club for the fuzz year, submitted. */
  elderlyReportId: string;
}

export const FUZZ_YEAR = 2005;
/** A cluster at each stage of the cycle; `criteria` (at REGISTRATION) is for setEmulationCriteria alone, which moves it on. */
const CLUSTERS = ['registration', 'criteria', 'criteriaSet', 'scoring', 'ranked'] as const;

async function create<T>(query: string, input: Record<string, unknown>): Promise<T> {
  const result = await graphql<Record<string, T>>(gatewayUrl(), query, { input });
  if (result.errors) throw new Error(`fuzz fixture: ${JSON.stringify(result.errors)}`);
  return Object.values(result.data!)[0];
}

export async function createFixtures(tag: string): Promise<Fixtures> {
  const seeded = await withDatabase(async (client) => {
    const chapters = await seedChapterTree(client, {
      name: `Hội Chữ thập đỏ thử nghiệm ${tag}`,
      level: 'PROVINCE',
      children: [{ name: `Hội Chữ thập đỏ huyện thử ${tag}`, level: 'DISTRICT', children: [{ name: `Chi hội thử ${tag}`, level: 'GRASSROOTS' }] }],
    });
    const [province, district, grassroots] = [...chapters.values()];
    const termId = await seedTerm(client, { chapterId: province, ordinal: 1, startYear: 2022, endYear: 2027 });
    const { associationId, clubIds } = await seedAssociationWithClubs(client, { name: `Hội Người cao tuổi thử ${tag}`, level: 'PROVINCE' }, [
      { name: `CLB Liên thế hệ thử ${tag}`, foundedOn: '2015-01-01' },
    ]);
    const [registration, criteria, criteriaSet, scoring, ranked] = await seedCycleClusters(client, { year: FUZZ_YEAR, count: 5, namePrefix: `Cụm thử ${tag}`, members: 3 });
    const set = [{ name: 'Tiêu chí thử', weight: 100, maxPoints: 100 }];
    const [criterionId] = await seedCycle(client, criteriaSet, { stage: 'CRITERIA_SET', criteriaSetOn: '2005-03-01', criteria: set });
    await seedCycle(client, scoring, { stage: 'SCORING', criteriaSetOn: '2005-03-01', scoringStartedOn: '2005-06-01', criteria: set, points: [[80], [70], [60]] });
    await seedCycle(client, ranked, {
      stage: 'RANKED', criteriaSetOn: '2005-03-01', scoringStartedOn: '2005-06-01', rankedOn: '2005-11-01', criteria: set, points: [[80], [70], [60]],
    });
    return { province, district, grassroots, termId, associationId, clubId: [...clubIds.values()][0], registration, criteria, criteriaSet, scoring, ranked, criterionId };
  });
  const { province, clubId } = seeded;
  const documentId = (await create<{ id: string }>(`mutation ($input: RecordTermDocumentDraftInput!) { recordTermDocumentDraft(input: $input) { id } }`, {
    termId: seeded.termId, kind: 'WHOLE_TERM_PROGRAMME', draftedOn: '2022-05-01',
  })).id;
  const campaignId = (await create<{ id: string }>(`mutation ($input: CampaignInput!) { createCampaign(input: $input) { id } }`, {
    name: `Chiến dịch thử ${tag}`, scope: 'LOCAL', recurrence: 'STANDING', organiserChapterId: province,
  })).id;
  const programmeId = (await create<{ id: string }>(`mutation ($input: BloodDonationProgrammeInput!) { createBloodDonationProgramme(input: $input) { id } }`, {
    name: `Chương trình hiến máu thử ${tag}`, scope: 'LOCAL', organiserChapterId: province,
  })).id;
  const memberId = (await create<{ id: string }>(`mutation ($input: ClubMemberInput!) { addClubMember(input: $input) { id } }`, {
    clubId, fullName: 'Nguyễn Thị Thử', sex: 'FEMALE', birthDate: '1950-03-04', ethnicGroup: 'Kinh', povertyStatus: 'NEITHER', joinedOn: '2016-01-01',
  })).id;
  const groupId = (await create<{ id: string }>(`mutation ($input: FormClubSmallGroupInput!) { formClubSmallGroup(input: $input) { id } }`, {
    clubId, name: 'Tổ thử', residentialArea: 'Khu phố 1',
  })).id;
  const entryId = (await create<{ id: string }>(`mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`, {
    clubId, kind: 'MEMBER_CONTRIBUTION', amountVnd: 5_000_000, occurredOn: '2024-01-10', note: 'Đóng góp thử',
  })).id;
  const reportId = (await create<{ id: string }>(`mutation ($input: SubmitPeriodReportInput!) { submitPeriodReport(input: $input) { id } }`, {
    chapterId: seeded.district, kind: 'ACTIVITIES', period: { type: 'YEAR', year: FUZZ_YEAR },
  })).id;
  const elderlyReportId = (await create<{ id: string }>(`mutation ($input: SubmitElderlyPeriodReportInput!) { submitElderlyPeriodReport(input: $input) { id } }`, {
    clubId, kind: 'ACTIVITIES', period: { type: 'YEAR', year: FUZZ_YEAR },
  })).id;
  return {
    reportId,
    elderlyReportId,
    province, district: seeded.district, grassroots: seeded.grassroots, termId: seeded.termId, documentId, campaignId, programmeId,
    associationId: seeded.associationId, clubId, memberId, groupId, entryId, criterionId: seeded.criterionId,
    clusters: Object.fromEntries(CLUSTERS.map((name) => [name, seeded[name].clusterId])) as Fixtures['clusters'],
    members: Object.fromEntries(CLUSTERS.map((name) => [name, seeded[name].memberIds])) as Fixtures['members'],
  };
}

/** A valid input for every mutation of the API, on the fixtures' organisations. */
export function validInputs(f: Fixtures): Record<string, Record<string, unknown>> {
  const period = { type: 'QUARTER', year: 2024, index: 2 };
  return {
    recordClubMeeting: { clubId: f.clubId, heldOn: '2024-03-05', attendance: 20, note: 'Sinh hoạt định kỳ' },
    recordClubActivity: { clubId: f.clubId, kind: 'ARTS_AND_SPORTS', heldOn: '2024-03-06', participants: 15, note: 'Văn nghệ' },
    addClubSpecialisedGroup: { clubId: f.clubId, name: 'Tổ văn nghệ' },
    recordFundEntry: { clubId: f.clubId, kind: 'MEMBER_CONTRIBUTION', amountVnd: 100_000, occurredOn: '2024-02-01', note: 'Đóng góp' },
    disburseLoan: { clubId: f.clubId, borrowerRef: 'HV-01', amountVnd: 10_000, occurredOn: '2024-02-02', dueOn: '2025-02-02', note: 'Vay vốn' },
    recordRepayment: { clubId: f.clubId, borrowerRef: 'HV-01', amountVnd: 1_000, occurredOn: '2024-03-02', note: 'Trả nợ' },
    reverseFundEntry: { entryId: f.entryId, occurredOn: '2024-01-11', note: 'Ghi nhầm' },
    addClubMember: {
      clubId: f.clubId, fullName: 'Trần Văn Thử', sex: 'MALE', birthDate: '1948-07-01', ethnicGroup: 'Tày', povertyStatus: 'NEAR_POOR', boardRole: 'BOARD_MEMBER', joinedOn: '2018-05-01',
    },
    recordMembershipIntake: { associationId: f.associationId, period, newMembers: 12 },
    adoptReplicationScheme: { associationId: f.associationId, name: 'Đề án nhân rộng thử', approvedBy: 'UBND tỉnh', period: { fromYear: 2024, toYear: 2026 }, targetClubs: 10 },
    recordTraining: {
      associationId: f.associationId, title: 'Tập huấn thử', heldOn: '2024-04-01', venue: 'Hội trường', partners: [{ name: 'Sở Y tế', role: 'CO_ORGANISER' }],
      participants: [{ role: 'CLUB_HEAD', count: 30 }],
    },
    appointRepresentativeBoardMember: { associationId: f.associationId, role: 'MEMBER', personName: 'Lê Thị Ban', outsideRole: 'Hưu trí', startedOn: '2023-01-01' },
    formClubSmallGroup: { clubId: f.clubId, name: 'Tổ hai', residentialArea: 'Khu phố 2' },
    assignToSmallGroup: { groupId: f.groupId, memberId: f.memberId },
    voteEmulationTitle: { clusterId: f.clusters.ranked, memberId: f.members.ranked[0], title: 'EXCELLENT_LABOUR_COLLECTIVE', votedOn: '2005-12-01', note: 'Suy tôn' },
    proposeEmulationCommendation: { clusterId: f.clusters.ranked, memberId: f.members.ranked[1], form: 'PRIME_MINISTER_CERTIFICATE_OF_MERIT', proposedOn: '2005-12-02', reason: 'Thành tích' },
    setEmulationCriteria: { clusterId: f.clusters.criteria, criteria: [{ name: 'Tiêu chí A', description: 'Mô tả', weight: 100, maxPoints: 100 }], setOn: '2005-03-01' },
    computeEmulationRanking: { clusterId: f.clusters.scoring, rankedOn: '2005-11-01' },
    registerEmulationCommitment: { clusterId: f.clusters.registration, memberId: f.members.registration[0], kind: 'COMMITMENT', title: 'Giao ước thử', description: 'Nội dung', registeredOn: '2005-02-01' },
    recordEmulationScores: { clusterId: f.clusters.criteriaSet, memberId: f.members.criteriaSet[0], scores: [{ criterionId: f.criterionId, points: 50 }], scoredOn: '2005-06-01' },
    recordClusterMeeting: {
      clusterId: f.clusters.ranked, kind: 'SEMINAR', theme: 'Hội thảo thử', unitId: 'BEFORE_2025:24', venue: 'Hội trường', heldOn: '2005-05-01',
      attendeeMemberIds: [f.members.ranked[0]], guests: [{ name: 'Khách mời', role: 'Đại biểu' }], decisions: ['Thống nhất'],
    },
    recordRegulationVote: { clusterId: f.clusters.registration, title: 'Quy chế thử', votesFor: 3, votesAgainst: 0, votesAbstaining: 0, votedOn: '2005-01-15' },
    assignClusterRole: { clusterId: f.clusters.registration, role: 'HEAD', memberId: f.members.registration[0], selection: 'ELECTION', heldBy: 'Ông Thử' },
    createBloodDonationProgramme: { name: 'Chương trình thử hai', scope: 'LOCAL', organiserChapterId: f.province },
    recordBloodDonationAwarenessRound: { chapterId: f.district, heldOn: '2024-05-01', programmeId: f.programmeId, note: 'Tuyên truyền' },
    recordBloodUnitsReceived: { chapterId: f.district, receivedOn: '2024-05-02', units: 40, kind: 'PLANNED', programmeId: f.programmeId, note: 'Tiếp nhận' },
    createCampaign: { name: 'Chiến dịch thử hai', scope: 'LOCAL', recurrence: 'YEARLY', organiserChapterId: f.province },
    openChapter: { parentId: f.district, level: 'GRASSROOTS', name: 'Chi hội thử mới' },
    appointOfficeHolder: { termId: f.termId, role: 'VICE_CHAIR', personName: 'Phạm Văn Thử', outsideRole: 'Phó Chủ tịch', tookOfficeOn: '2022-06-01' },
    recordTermDocumentDraft: { termId: f.termId, kind: 'EXECUTIVE_COMMITTEE_REGULATIONS', title: 'Quy chế thử', draftedOn: '2022-04-01' },
    adoptTermDocument: { documentId: f.documentId, adoptedOn: '2022-06-01' },
    openTerm: { chapterId: f.grassroots, ordinal: 'II', startYear: 2022, endYear: 2027 },
    submitMembershipReport: { chapterId: f.district, period, grassrootsOrganisations: 3, branches: 5, individualMembers: 300, collectiveMembers: 2, volunteers: 40 },
    registerModelProgramme: { chapterId: f.district, year: 2024, name: 'Mô hình thử', description: 'Mô tả' },
    recordReliefActivity: {
      chapterId: f.grassroots, campaignId: f.campaignId, kind: 'GIFT_PACKAGES', quantity: 10, peopleReached: 10, valueVnd: 5_000_000, occurredOn: '2024-05-03', note: 'Tặng quà',
    },
    submitPeriodReport: { chapterId: f.district, kind: 'ACTIVITIES', period: { type: 'YEAR', year: FUZZ_YEAR } },
    approvePeriodReport: { id: f.reportId, approveWithMissing: true },
    returnPeriodReport: { id: f.reportId, comment: 'Bổ sung số liệu hiến máu' },
    reopenPeriodReport: { id: f.reportId, reason: 'Sửa số liệu cứu trợ' },
    submitElderlyPeriodReport: { clubId: f.clubId, kind: 'ACTIVITIES', period: { type: 'YEAR', year: FUZZ_YEAR } },
    approveElderlyPeriodReport: { id: f.elderlyReportId, approveWithMissing: true },
    returnElderlyPeriodReport: { id: f.elderlyReportId, comment: 'Bổ sung số liệu quỹ' },
    reopenElderlyPeriodReport: { id: f.elderlyReportId, reason: 'Sửa số hội viên' },
    setTarget: { setterChapterId: f.province, chapterId: f.district, metric: 'GIFT_PACKAGES', campaignId: f.campaignId, period, value: 100 },
  };
}

/** Ids of each kind of organisation and record, to pass where another kind is wanted. */
export const idsByKind = (f: Fixtures): Record<string, string[]> => ({
  chapter: [f.province, f.district, f.grassroots],
  association: [f.associationId],
  club: [f.clubId],
  cluster: Object.values(f.clusters),
  clusterMember: Object.values(f.members).flat(),
  term: [f.termId],
  clubMember: [f.memberId],
  campaign: [f.campaignId],
  programme: [f.programmeId],
  document: [f.documentId],
  smallGroup: [f.groupId],
  fundEntry: [f.entryId],
  criterion: [f.criterionId],
  periodReport: [f.reportId],
  elderlyPeriodReport: [f.elderlyReportId],
});
