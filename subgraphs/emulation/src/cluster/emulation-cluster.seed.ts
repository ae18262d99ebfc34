import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export type SeedMember = { chapterId: string } | { elderlyAssociationId: string } | { externalName: string };

/** Test seed builder: clusters of one year, each with the given members, written in one transaction. */
export async function seedClusters(
  client: pg.Client,
  options: { year: number; count: number; namePrefix: string; members: SeedMember[] },
): Promise<string[]> {
  const ids: string[] = [];
  await client.query('begin');
  try {
    for (let index = 1; index <= options.count; index++) {
      const clusterId = randomUUID();
      ids.push(clusterId);
      await client.query(`insert into emulation.cluster (id, name, kind, year) values ($1, $2, 'SAME_ASSOCIATION_ACROSS_PROVINCES', $3)`, [
        clusterId,
        `${options.namePrefix} ${String(index).padStart(3, '0')}`,
        options.year,
      ]);
      for (const [position, member] of options.members.entries()) {
        let externalId: string | null = null;
        if ('externalName' in member) {
          externalId = randomUUID();
          await client.query(`insert into emulation.external_organisation (id, name) values ($1, $2)`, [externalId, member.externalName]);
        }
        await client.query(
          `insert into emulation.cluster_member (id, cluster_id, position, chapter_id, elderly_association_id, external_organisation_id)
           values ($1, $2, $3, $4, $5, $6)`,
          [
            randomUUID(),
            clusterId,
            position + 1,
            'chapterId' in member ? member.chapterId : null,
            'elderlyAssociationId' in member ? member.elderlyAssociationId : null,
            externalId,
          ],
        );
      }
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  return ids;
}
