import type { AuditTrailReader } from '@hoi/common/audit';
import { auditTrailResolver } from '@hoi/common/audit-trail';

export const EMULATION_AUDIT_TRAIL: AuditTrailReader = {
  schema: 'emulation',
  readerRoles: ['cluster_secretary'],
  derivedTables: {},
};

export const EmulationAuditTrailResolver = auditTrailResolver('emulationAuditTrail', EMULATION_AUDIT_TRAIL, 'an emulation cluster');
