import type { AuditTrailReader } from '@hoi/common/audit';
import { auditTrailResolver } from '@hoi/common/audit-trail';

export const ELDERLY_AUDIT_TRAIL: AuditTrailReader = {
  schema: 'elderly',
  readerRoles: ['association_officer', 'club_manager'],
  derivedTables: { club_statistics_change: 'changes of club figures, kept by triggers on clubs and members' },
};

export const ElderlyAuditTrailResolver = auditTrailResolver('elderlyAuditTrail', ELDERLY_AUDIT_TRAIL, 'an Elderly Association unit or club');
