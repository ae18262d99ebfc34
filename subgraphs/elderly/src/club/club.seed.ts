import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { foldVietnamese } from '@hoi/common/text';

/** Test seed builder: an association unit with clubs; returns the association id and club ids by name. */
export async function seedAssociationWithClubs(
  client: pg.Client,
  association: { name: string; level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE'; unitId?: string },
  clubs: { name: string; foundedOn?: string; unitId?: string }[],
) {
  const associationId = randomUUID();
  await client.query(`insert into elderly.association (id, level, name, name_folded, unit_id) values ($1, $2, $3, $4, $5)`, [
    associationId,
    association.level,
    association.name,
    foldVietnamese(association.name),
    association.unitId ?? null,
  ]);
  const clubIds = new Map<string, string>();
  for (const club of clubs) {
    const id = randomUUID();
    clubIds.set(club.name, id);
    await client.query(`insert into elderly.club (id, association_id, name, name_folded, unit_id, founded_on) values ($1, $2, $3, $4, $5, $6)`, [
      id,
      associationId,
      club.name,
      foldVietnamese(club.name),
      club.unitId ?? null,
      club.foundedOn ?? null,
    ]);
  }
  return { associationId, clubIds };
}
