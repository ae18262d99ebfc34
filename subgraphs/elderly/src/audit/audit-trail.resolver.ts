import { auditTrailResolver } from '@hoi/common/audit-trail';
import { ELDERLY_AUDIT_TRAIL } from './audit-trail.access.ts';

export const ElderlyAuditTrailResolver = auditTrailResolver('elderlyAuditTrail', ELDERLY_AUDIT_TRAIL, 'an Elderly Association unit or club');
