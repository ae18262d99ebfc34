import { requireWriteScope } from '@hoi/common/access';
import type { EmulationContext } from '../context.ts';

/** A write to a cluster (its roles, meetings, regulation, cycle) needs that cluster's secretary. */
export function requireClusterWrite(ctx: EmulationContext, clusterId: string, field: string): void {
  requireWriteScope(ctx.caller, ['cluster_secretary'], [clusterId], field);
}
