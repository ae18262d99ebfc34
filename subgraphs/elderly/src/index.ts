import { Migration20261202151000_audit_trail } from './migrations/Migration20261202151000_audit_trail.ts';
import { Migration20261202160000_period_reports } from './migrations/Migration20261202160000_period_reports.ts';
import { Migration20261202160100_audit_period_reports } from './migrations/Migration20261202160100_audit_period_reports.ts';
import { Migration20261202190000_report_completeness } from './migrations/Migration20261202190000_report_completeness.ts';
import { Migration20261202190500_club_fund_rollup } from './migrations/Migration20261202190500_club_fund_rollup.ts';
import { Migration20261203060000_loan_borrower_member } from './migrations/Migration20261203060000_loan_borrower_member.ts';
import { Migration20261203080000_association_fund_rollup } from './migrations/Migration20261203080000_association_fund_rollup.ts';
import type { SubgraphDefinition } from '@hoi/common/service';
import { loadElderlyDemoData } from './demo/demo-data.ts';
import { ElderlyAssociationEntity } from './association/elderly-association.entity.ts';
import { ClubEntity } from './club/club.entity.ts';
import { ClubFundEntryEntity } from './fund/club-fund.entity.ts';
import { Migration20261123060000_club_fund } from './migrations/Migration20261123060000_club_fund.ts';
import { ClubMemberEntity, MembershipIntakeEntity } from './member/club-member.entity.ts';
import { Migration20261123052000_members_and_intake } from './migrations/Migration20261123052000_members_and_intake.ts';
import { createElderlyLoaders } from './context.ts';
import { Migration20261123000200_associations_and_clubs } from './migrations/Migration20261123000200_associations_and_clubs.ts';
import { Migration20261123070000_club_life_and_trainings } from './migrations/Migration20261123070000_club_life_and_trainings.ts';
import { TrainingEntity, TrainingParticipationEntity, TrainingPartnerEntity } from './training/training.entity.ts';
import { ReplicationSchemeEntity } from './scheme/replication-scheme.entity.ts';
import { ClubActivityEntity, ClubMeetingEntity, ClubSpecialisedGroupEntity } from './club-life/club-life.entity.ts';
import { buildElderlySchema } from './schema.ts';
import { Migration20261123100000_board_and_small_groups } from './migrations/Migration20261123100000_board_and_small_groups.ts';
import { Migration20261124000000_club_statistics_rollup } from './migrations/Migration20261124000000_club_statistics_rollup.ts';
import { Migration20261202190000_spreadsheet_imports } from './migrations/Migration20261202190000_spreadsheet_imports.ts';
import { Migration20261203060000_spreadsheet_jobs } from './migrations/Migration20261203060000_spreadsheet_jobs.ts';
import { fundLedgerSheet } from './fund/club-fund.sheet.ts';
import { clubMemberSheet } from './member/club-member.sheet.ts';
import { clusterElderlyCompletenessExport, clusterElderlyTotalsExport } from './cluster-totals/cluster-totals.export.ts';
import { fundStatisticsExport } from './fund/fund-statistics.export.ts';
import { clubStatisticsExport } from './member/club-statistics.export.ts';
import { nationalReportingCompletenessExport, reportingCompletenessExport } from './period-report/reporting-completeness.export.ts';
import { Migration20261202120000_idempotency_keys } from './migrations/Migration20261202120000_idempotency_keys.ts';
import { RepresentativeBoardMemberEntity } from './representative-board/representative-board.entity.ts';
import { ClubSmallGroupEntity, ClubSmallGroupMemberEntity } from './small-group/small-group.entity.ts';

export const elderly: SubgraphDefinition<ReturnType<typeof createElderlyLoaders>> = {
  name: 'elderly',
  schemaName: 'elderly',
  entities: [ElderlyAssociationEntity, ClubEntity, ClubMemberEntity, MembershipIntakeEntity, TrainingEntity, TrainingPartnerEntity, TrainingParticipationEntity, ReplicationSchemeEntity, ClubMeetingEntity, ClubActivityEntity, ClubSpecialisedGroupEntity, ClubFundEntryEntity, RepresentativeBoardMemberEntity, ClubSmallGroupEntity, ClubSmallGroupMemberEntity],
  migrations: [Migration20261123000200_associations_and_clubs, Migration20261123052000_members_and_intake, Migration20261123060000_club_fund, Migration20261123070000_club_life_and_trainings, Migration20261123100000_board_and_small_groups, Migration20261124000000_club_statistics_rollup, Migration20261202120000_idempotency_keys, Migration20261202151000_audit_trail, Migration20261202160000_period_reports, Migration20261202160100_audit_period_reports, Migration20261202190000_report_completeness, Migration20261202190000_spreadsheet_imports, Migration20261202190500_club_fund_rollup, Migration20261203060000_loan_borrower_member, Migration20261203060000_spreadsheet_jobs, Migration20261203080000_association_fund_rollup],
  buildSchema: buildElderlySchema,
  createLoaders: createElderlyLoaders,
  loadDemoData: loadElderlyDemoData,
  spreadsheets: { kinds: [fundLedgerSheet, clubMemberSheet], exports: [clubStatisticsExport, fundStatisticsExport, reportingCompletenessExport, nationalReportingCompletenessExport, clusterElderlyTotalsExport, clusterElderlyCompletenessExport] },
};
