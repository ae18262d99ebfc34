import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { writeTransaction } from '@hoi/common/writes';
import { conflict, notFound, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { requireClusterWrite } from '../cluster/cluster.access.ts';
import { EmulationCluster, type ClusterMember } from '../cluster/emulation-cluster.type.ts';
import type { EmulationContext } from '../context.ts';
import { ClusterRoleEntity } from './cluster-role.entity.ts';
import { AssignClusterRoleInput, ClusterRole, ClusterRoleKind } from './cluster-role.type.ts';
import { cleanOptionalText, constraintError, lockCluster } from './cluster-year.errors.ts';

/** The roles one member cannot hold together: the head is not the deputy. */
const LEADING_ROLES: readonly ClusterRoleKind[] = [ClusterRoleKind.HEAD, ClusterRoleKind.DEPUTY];

@Resolver(() => ClusterRole)
export class ClusterRoleResolver {
  @Mutation(() => ClusterRole, {
    description: 'Records a member taking a role in a cluster year (cụm trưởng, cụm phó, host of the review, host for next year). One holder of each role per cluster; the holder must be a member of the cluster.',
  })
  async assignClusterRole(@Arg('input', () => AssignClusterRoleInput) input: AssignClusterRoleInput, @Ctx() ctx: EmulationContext): Promise<ClusterRole> {
    const { clusterId, role, memberId } = input;
    await requireClusterWrite(ctx, clusterId, 'clusterId');
    const selection = input.selection ?? null;
    const heldBy = cleanOptionalText(input.heldBy);
    const id = randomUUID();
    try {
      return await writeTransaction(ctx.em, async (em) => {
        await lockCluster(em, clusterId);
        const [member] = await sql<ClusterMember & { clusterId: string }>(
          em,
          `select id, cluster_id as "clusterId", position, chapter_id as "chapterId", elderly_association_id as "elderlyAssociationId",
                  external_organisation_id as "externalOrganisationId"
             from emulation.cluster_member where id = ?`,
          [memberId],
        );
        if (!member) throw notFound('memberId', 'no cluster member has this id');
        if (member.clusterId !== clusterId) throw ruleViolation('memberId', 'a role holder must be a member of this cluster; this member belongs to another cluster');
        const held = await sql<{ role: ClusterRoleKind; memberId: string }>(
          em,
          `select role, member_id as "memberId" from emulation.cluster_role
            where cluster_id = ? and (role = ? or member_id = ? and role in (?))`,
          [clusterId, role, memberId, LEADING_ROLES],
        );
        if (held.some((holder) => holder.role === role)) throw conflict('role', `the cluster already has a ${role} holder`);
        const other = held.find((holder) => LEADING_ROLES.includes(role) && LEADING_ROLES.includes(holder.role));
        if (other) throw conflict('memberId', `this member is already the cluster's ${other.role}; the head and the deputy are different members`);
        em.create(ClusterRoleEntity, { id, clusterId, role, memberId, selection, heldBy });
        const { clusterId: _cluster, ...clusterMember } = member;
        return { id, clusterId, role, selection, heldBy, member: clusterMember };
      });
    } catch (error) {
      throw constraintError(error) ?? error;
    }
  }
}

@Resolver(() => EmulationCluster)
export class ClusterRolesResolver {
  @FieldResolver(() => [ClusterRole], { description: 'The roles of the cluster year, in the order head, deputy, review host, next year\'s host.' })
  roles(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return ctx.loaders.ClusterRolesByClusterIdLoader.load(cluster.id);
  }

  @FieldResolver(() => ClusterRole, { nullable: true, description: 'The head (cụm trưởng, trưởng khối).' })
  head(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return roleOf(cluster, ClusterRoleKind.HEAD, ctx);
  }

  @FieldResolver(() => ClusterRole, { nullable: true, description: 'The deputy head (cụm phó, phó khối).' })
  deputy(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return roleOf(cluster, ClusterRoleKind.DEPUTY, ctx);
  }

  @FieldResolver(() => ClusterRole, { nullable: true, description: 'The host (đơn vị đăng cai) of the year\'s review meeting.' })
  reviewHost(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return roleOf(cluster, ClusterRoleKind.REVIEW_HOST, ctx);
  }

  @FieldResolver(() => ClusterRole, { nullable: true, description: 'The member assigned to host next year\'s meeting.' })
  nextYearHost(@Root() cluster: EmulationCluster, @Ctx() ctx: EmulationContext) {
    return roleOf(cluster, ClusterRoleKind.NEXT_YEAR_HOST, ctx);
  }
}

async function roleOf(cluster: EmulationCluster, role: ClusterRoleKind, ctx: EmulationContext): Promise<ClusterRole | null> {
  const roles = await ctx.loaders.ClusterRolesByClusterIdLoader.load(cluster.id);
  return roles.find((held) => held.role === role) ?? null;
}
