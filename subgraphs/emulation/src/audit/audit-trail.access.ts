import type { AuditTrailReader } from '@hoi/common/audit';

/** Who reads this subgraph's audit trail, and the tables it leaves out on purpose (common/src/audit.ts). */
export const EMULATION_AUDIT_TRAIL: AuditTrailReader = {
  schema: 'emulation',
  readerRoles: ['cluster_secretary'],
  derivedTables: {},
};
