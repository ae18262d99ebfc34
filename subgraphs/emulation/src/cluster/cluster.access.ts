import { requireWriteScope } from '@hoi/common/access';
import { notFound } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import type { EmulationContext } from '../context.ts';

/**
 * A write to a cluster (its roles, meetings, regulation, cycle) needs a national administrator or
 * that cluster's secretary; refused with FORBIDDEN on `field`, the input field naming the cluster.
 * Called first in every mutation, before the input is checked and the cluster locked. A cluster
 * that does not exist is NOT_FOUND on `field` to every caller, as the lock would say: existence is
 * looked up only for a caller the scope refuses, so an allowed write costs no statement more.
 */
export async function requireClusterWrite(ctx: EmulationContext, clusterId: string, field: string): Promise<void> {
  try {
    requireWriteScope(ctx.caller, ['cluster_secretary'], [clusterId], field);
  } catch (refusal) {
    const [cluster] = await sql(ctx.em, `select 1 from emulation.cluster where id = ?`, [clusterId]);
    if (!cluster) throw notFound(field, 'no emulation cluster has this id');
    throw refusal;
  }
}
