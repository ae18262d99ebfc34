import { auditTrailResolver } from '@hoi/common/audit-trail';
import { EMULATION_AUDIT_TRAIL } from './audit-trail.access.ts';

export const EmulationAuditTrailResolver = auditTrailResolver('emulationAuditTrail', EMULATION_AUDIT_TRAIL, 'an emulation cluster');
