import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, sql } from '@hoi/common/orm';
import { loadChildPages, type ChildPageKey, type Connection } from '@hoi/common/pagination';
import { PARTICIPANT_ROLES, type Training, type TrainingParticipantCount, type TrainingPartner } from './training.type.ts';

const ROLE_ORDER = `array[${PARTICIPANT_ROLES.map((role) => `'${role}'`).join(', ')}]`;

/** A training with its partners and participants, from one row: the child tables come as JSON. */
export const TRAINING_COLUMNS = `t.id, t.title, to_char(t.held_on, 'YYYY-MM-DD') as "heldOn", t.venue, t.unit_id as "unitId", t.association_id as "associationId",
  (select coalesce(json_agg(json_build_object('name', p.name, 'role', p.role) order by p.position), '[]'::json)
     from elderly.training_partner p where p.training_id = t.id) as partners,
  (select coalesce(json_agg(json_build_object('role', q.role, 'count', q.headcount) order by array_position(${ROLE_ORDER}, q.role)), '[]'::json)
     from elderly.training_participation q where q.training_id = t.id) as participants`;

export function toTraining(row: Record<string, unknown>): Training {
  const participants = row.participants as TrainingParticipantCount[];
  return {
    id: String(row.id),
    title: String(row.title),
    heldOn: String(row.heldOn),
    venue: (row.venue as string | null) ?? null,
    unitId: (row.unitId as string | null) ?? null,
    associationId: String(row.associationId),
    partners: row.partners as TrainingPartner[],
    participants,
    totalParticipants: participants.reduce((sum, participant) => sum + participant.count, 0),
  };
}

export function createTrainingLoaders(em: EntityManager) {
  return {
    TrainingByIdLoader: new DataLoader<string, Training | null>(async (ids) => {
      const valid = ids.filter(isUuid);
      const rows = valid.length ? await sql(em, `select ${TRAINING_COLUMNS} from elderly.training t where t.id in (?)`, [valid]) : [];
      const byId = new Map(rows.map((row) => [String(row.id), toTraining(row)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** A page of trainings, newest first, for each of many associations in one statement. */
    TrainingsByAssociationIdLoader: new DataLoader<ChildPageKey, Connection<Training>, string>(
      async (keys) => {
        const pages = await loadChildPages<Record<string, unknown>>(em, {
          table: 'elderly.training t',
          parentColumn: 't.association_id',
          orderColumns: [`(date '1970-01-01' - t.held_on)`, 't.id'],
          select: TRAINING_COLUMNS,
        }, keys);
        // Nodes are replaced in place: spreading a page would count its total even when nobody asked.
        for (const page of pages) for (const edge of page.edges) (edge as { node: unknown }).node = toTraining(edge.node);
        return pages as unknown as Connection<Training>[];
      },
      { cacheKeyFn: (key) => JSON.stringify(key) },
    ),
  };
}
