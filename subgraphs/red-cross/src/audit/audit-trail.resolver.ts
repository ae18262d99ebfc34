import type { AuditTrailReader } from '@hoi/common/audit';
import { auditTrailResolver } from '@hoi/common/audit-trail';

export const RED_CROSS_AUDIT_TRAIL: AuditTrailReader = {
  schema: 'red_cross',
  readerRoles: ['chapter_officer'],
  derivedTables: {
    relief_rollup: 'sums of relief_activity, kept by its trigger',
    relief_rollup_month: 'sums of relief_activity, kept by its trigger',
  },
};

export const RedCrossAuditTrailResolver = auditTrailResolver('redCrossAuditTrail', RED_CROSS_AUDIT_TRAIL, 'a Red Cross chapter');
