import type { AuditTrailReader } from '@hoi/common/audit';

/** Who reads this subgraph's audit trail, and the tables it leaves out on purpose (common/src/audit.ts). */
export const RED_CROSS_AUDIT_TRAIL: AuditTrailReader = {
  schema: 'red_cross',
  readerRoles: ['chapter_officer'],
  derivedTables: {
    relief_rollup: 'sums of relief_activity, kept by its trigger',
    relief_rollup_month: 'sums of relief_activity, kept by its trigger',
    report_completeness_expected: 'counts of chapter, kept by its trigger',
    report_completeness_rollup: 'counts of period_report, kept by its trigger',
  },
};
