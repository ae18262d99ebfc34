import type { AuditTrailReader } from '@hoi/common/audit';

/** Who reads this subgraph's audit trail, and the tables it leaves out on purpose (common/src/audit.ts). */
export const ELDERLY_AUDIT_TRAIL: AuditTrailReader = {
  schema: 'elderly',
  readerRoles: ['association_officer', 'club_manager'],
  derivedTables: {
    club_statistics_change: 'changes of club figures, kept by triggers on clubs and members',
    club_fund_month: 'changes of fund figures per club and month, kept by a trigger on club_fund_entry',
    association_fund_month: 'changes of fund figures per association subtree and month, kept by triggers on club_fund_month, club and association',
  },
};
