import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInVietnam } from '@hoi/common/dates';
import { sql } from '@hoi/common/orm';
import { BOARD_ROLE_ORDER, type RepresentativeBoardMember } from './representative-board.type.ts';

export const BOARD_MEMBER_COLUMNS = `id, association_id as "associationId", role, person_name as "personName", outside_role as "outsideRole",
  to_char(started_on, 'YYYY-MM-DD') as "startedOn", to_char(ended_on, 'YYYY-MM-DD') as "endedOn"`;

/** The head first, then deputies, then members. */
export const BOARD_ROLE_RANK = `array_position(array[${BOARD_ROLE_ORDER.map((role) => `'${role}'`).join(', ')}]::text[], role)`;

export function createRepresentativeBoardLoaders(em: EntityManager) {
  return {
    /**
     * The current Representative Board of each association unit (seats taken by today and not
     * left by today, Vietnam time): the head first, then deputies and members in Vietnamese name
     * order. One statement for the whole batch.
     */
    RepresentativeBoardByAssociationIdLoader: new DataLoader<string, RepresentativeBoardMember[]>(async (associationIds) => {
      const today = todayInVietnam();
      const rows = await sql<RepresentativeBoardMember>(
        em,
        `select ${BOARD_MEMBER_COLUMNS} from elderly.representative_board_member
          where association_id in (?)
            and (started_on is null or started_on <= ?::date)
            and (ended_on is null or ended_on > ?::date)
          order by association_id, ${BOARD_ROLE_RANK}, person_name, id`,
        [associationIds, today, today],
      );
      const byAssociation = Map.groupBy(rows, (member) => member.associationId);
      return associationIds.map((id) => byAssociation.get(id) ?? []);
    }),
  };
}
