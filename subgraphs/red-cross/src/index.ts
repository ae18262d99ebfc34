import type { SubgraphDefinition } from '@hoi/common/service';
import { loadRedCrossDemoData } from './demo/demo-data.ts';
import { ChapterEntity } from './chapter/chapter.entity.ts';
import { createRedCrossLoaders } from './context.ts';
import { MembershipReportEntity } from './membership/membership-report.entity.ts';
import { CampaignEntity } from './campaign/campaign.entity.ts';
import { ReliefActivityEntity } from './relief/relief-activity.entity.ts';
import { TargetEntity } from './target/target.entity.ts';
import { BloodDonationAwarenessRoundEntity, BloodDonationProgrammeEntity, BloodUnitReceiptEntity } from './blood-donation/blood-donation.entity.ts';
import { ModelProgrammeEntity } from './model-programme/model-programme.entity.ts';
import { OfficeHolderEntity } from './governance/office-holder.entity.ts';
import { TermDocumentEntity } from './governance/term-document.entity.ts';
import { TermEntity } from './governance/term.entity.ts';
import { Migration20261123000100_chapters } from './migrations/Migration20261123000100_chapters.ts';
import { Migration20261123010000_chapter_paths_and_membership } from './migrations/Migration20261123010000_chapter_paths_and_membership.ts';
import { Migration20261123020000_governance } from './migrations/Migration20261123020000_governance.ts';
import { Migration20261123030000_blood_donation_and_model_programmes } from './migrations/Migration20261123030000_blood_donation_and_model_programmes.ts';
import { Migration20261123040000_relief_and_targets } from './migrations/Migration20261123040000_relief_and_targets.ts';
import { Migration20261123050000_chapter_names } from './migrations/Migration20261123050000_chapter_names.ts';
import { Migration20261124000000_relief_rollup } from './migrations/Migration20261124000000_relief_rollup.ts';
import { Migration20261202120000_idempotency_keys } from './migrations/Migration20261202120000_idempotency_keys.ts';
import { Migration20261202151000_audit_trail } from './migrations/Migration20261202151000_audit_trail.ts';
import { Migration20261202130000_relief_rollup_numeric } from './migrations/Migration20261202130000_relief_rollup_numeric.ts';
import { Migration20261202152000_period_reports } from './migrations/Migration20261202152000_period_reports.ts';
import { Migration20261202153000_audit_period_reports } from './migrations/Migration20261202153000_audit_period_reports.ts';
import { Migration20261202161000_report_completeness } from './migrations/Migration20261202161000_report_completeness.ts';
import { Migration20261202190000_spreadsheet_imports } from './migrations/Migration20261202190000_spreadsheet_imports.ts';
import { Migration20261203060000_spreadsheet_jobs } from './migrations/Migration20261203060000_spreadsheet_jobs.ts';
import { Migration20261202200000_completeness_rollup } from './migrations/Migration20261202200000_completeness_rollup.ts';
import { buildRedCrossSchema } from './schema.ts';
import { reliefActivitySheet } from './relief/relief-activity.sheet.ts';
import { membershipReportSheet } from './membership/membership-report.sheet.ts';
import { bloodDonationReceiptSheet } from './blood-donation/blood-donation.sheet.ts';
import { clusterRedCrossCompletenessExport, clusterRedCrossTotalsExport } from './cluster-totals/cluster-totals.export.ts';
import { reliefSummaryExport } from './relief/relief-summary.export.ts';
import { reliefByMonthExport } from './relief/relief-by-month.export.ts';
import { bloodDonationSummaryExport } from './blood-donation/blood-donation-summary.export.ts';
import { membershipTotalsExport } from './membership/membership-totals.export.ts';
import { nationalReportingCompletenessExport, reportingCompletenessExport } from './period-report/reporting-completeness.export.ts';

export const redCross: SubgraphDefinition<ReturnType<typeof createRedCrossLoaders>> = {
  name: 'red-cross',
  schemaName: 'red_cross',
  entities: [ChapterEntity, MembershipReportEntity, CampaignEntity, ReliefActivityEntity, TargetEntity, BloodDonationProgrammeEntity, BloodDonationAwarenessRoundEntity, BloodUnitReceiptEntity, ModelProgrammeEntity, TermEntity, OfficeHolderEntity, TermDocumentEntity],
  migrations: [
    Migration20261123000100_chapters,
    Migration20261123010000_chapter_paths_and_membership,
    Migration20261123020000_governance,
    Migration20261123030000_blood_donation_and_model_programmes,
    Migration20261123040000_relief_and_targets,
    Migration20261123050000_chapter_names,
    Migration20261124000000_relief_rollup,
    Migration20261202120000_idempotency_keys,
    Migration20261202130000_relief_rollup_numeric,
    Migration20261202151000_audit_trail,
    Migration20261202152000_period_reports,
    Migration20261202153000_audit_period_reports,
    Migration20261202161000_report_completeness,
    Migration20261202190000_spreadsheet_imports,
    Migration20261202200000_completeness_rollup,
    Migration20261203060000_spreadsheet_jobs,
  ],
  buildSchema: buildRedCrossSchema,
  createLoaders: createRedCrossLoaders,
  loadDemoData: loadRedCrossDemoData,
  spreadsheets: { kinds: [reliefActivitySheet, membershipReportSheet, bloodDonationReceiptSheet], exports: [
      reliefSummaryExport,
      reliefByMonthExport,
      bloodDonationSummaryExport,
      membershipTotalsExport,
      reportingCompletenessExport,
      nationalReportingCompletenessExport,
      clusterRedCrossTotalsExport,
      clusterRedCrossCompletenessExport,
    ],
  },
};
