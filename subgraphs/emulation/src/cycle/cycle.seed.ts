import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { seedClusters } from '../cluster/emulation-cluster.seed.ts';

export interface SeededCluster {
  clusterId: string;
  /** Member ids in the cluster's order. */
  memberIds: string[];
}

/** Test seed builder: clusters of one year, each with `members` organisations of its own, and their member ids. */
export async function seedCycleClusters(client: pg.Client, options: { year: number; count: number; namePrefix: string; members: number }): Promise<SeededCluster[]> {
  const members = Array.from({ length: options.members }, (_, index) => ({ externalName: `${options.namePrefix} - đơn vị ${index + 1}` }));
  const clusterIds = await seedClusters(client, { year: options.year, count: options.count, namePrefix: options.namePrefix, members });
  const { rows } = await client.query<{ clusterId: string; memberIds: string[] }>(
    `select cluster_id as "clusterId", array_agg(id::text order by position) as "memberIds" from emulation.cluster_member where cluster_id = any($1::uuid[]) group by cluster_id`,
    [clusterIds],
  );
  const byCluster = new Map(rows.map((row) => [row.clusterId, row.memberIds]));
  return clusterIds.map((clusterId) => ({ clusterId, memberIds: byCluster.get(clusterId) ?? [] }));
}

export interface SeedCycle {
  stage: 'REGISTRATION' | 'CRITERIA_SET' | 'SCORING' | 'RANKED' | 'TITLES_VOTED';
  criteriaSetOn?: string;
  scoringStartedOn?: string;
  rankedOn?: string;
  titlesVotedOn?: string;
  criteria?: { name: string; weight: number; maxPoints: number }[];
  /** Points of each member (by index) on each criterion (by index); a null is no score. */
  points?: (number | null)[][];
  registrations?: { member: number; kind: 'COMMITMENT' | 'MODEL_PROGRAMME'; title: string }[];
  titles?: { member: number; title: string }[];
  proposals?: { member: number; form: string }[];
}

/** Test seed builder: writes a cluster's cycle straight to the database, in one transaction; returns the criterion ids. */
export async function seedCycle(client: pg.Client, cluster: SeededCluster, cycle: SeedCycle): Promise<string[]> {
  const { clusterId, memberIds } = cluster;
  const criterionIds = (cycle.criteria ?? []).map(() => randomUUID());
  await client.query('begin');
  try {
    await client.query(
      `insert into emulation.cycle (cluster_id, stage, criteria_set_on, scoring_started_on, ranked_on, titles_voted_on) values ($1, $2, $3, $4, $5, $6)`,
      [clusterId, cycle.stage, cycle.criteriaSetOn ?? null, cycle.scoringStartedOn ?? null, cycle.rankedOn ?? null, cycle.titlesVotedOn ?? null],
    );
    for (const [index, criterion] of (cycle.criteria ?? []).entries()) {
      await client.query(
        `insert into emulation.criterion (id, cluster_id, position, name, weight, max_points) values ($1, $2, $3, $4, $5, $6)`,
        [criterionIds[index], clusterId, index + 1, criterion.name.normalize('NFC'), criterion.weight, criterion.maxPoints],
      );
    }
    for (const [member, points] of (cycle.points ?? []).entries()) {
      for (const [criterion, value] of points.entries()) {
        if (value == null) continue;
        await client.query(
          `insert into emulation.score (cluster_id, member_id, criterion_id, max_points, points) values ($1, $2, $3, $4, $5)`,
          [clusterId, memberIds[member], criterionIds[criterion], cycle.criteria![criterion].maxPoints, value],
        );
      }
    }
    for (const registration of cycle.registrations ?? []) {
      await client.query(`insert into emulation.registration (id, cluster_id, member_id, kind, title) values ($1, $2, $3, $4, $5)`, [
        randomUUID(), clusterId, memberIds[registration.member], registration.kind, registration.title.normalize('NFC'),
      ]);
    }
    for (const award of cycle.titles ?? []) {
      await client.query(`insert into emulation.title_award (id, cluster_id, member_id, title) values ($1, $2, $3, $4)`, [randomUUID(), clusterId, memberIds[award.member], award.title]);
    }
    for (const proposal of cycle.proposals ?? []) {
      await client.query(`insert into emulation.commendation_proposal (id, cluster_id, member_id, form) values ($1, $2, $3, $4)`, [
        randomUUID(), clusterId, memberIds[proposal.member], proposal.form,
      ]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  return criterionIds;
}
