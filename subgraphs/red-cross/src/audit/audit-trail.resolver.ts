import { auditTrailResolver } from '@hoi/common/audit-trail';
import { RED_CROSS_AUDIT_TRAIL } from './audit-trail.access.ts';

export const RedCrossAuditTrailResolver = auditTrailResolver('redCrossAuditTrail', RED_CROSS_AUDIT_TRAIL, 'a Red Cross chapter');
