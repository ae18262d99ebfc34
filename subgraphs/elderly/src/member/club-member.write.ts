import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInVietnam } from '@hoi/common/dates';
import { badInput, conflict, notFound, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { runOnce, type Once } from '@hoi/common/spreadsheet/sheet-kind';
import { requireClubWrite } from '../association/association.access.ts';
import { ClubEntity } from '../club/club.entity.ts';
import type { ElderlyContext } from '../context.ts';
import { assertOrganisationPeriodOpen } from '../period-report/elderly-period-report.plug.ts';
import { ClubMemberEntity } from './club-member.entity.ts';
import { BoardRole, type ClubMember, type ClubMemberInput } from './club-member.type.ts';

/**
 * Every rule of adding a person to a club (thành viên CLB), and the write, in one place: the
 * mutation `addClubMember` calls it for one input, a spreadsheet import (club-member.sheet.ts) for
 * each row, both inside their one transaction. `once` lets an import read a club once, not per row.
 */
export async function addClubMember(ctx: ElderlyContext, em: EntityManager, input: ClubMemberInput, once: Once = runOnce): Promise<ClubMember> {
  await requireClubWrite(ctx, input.clubId, 'clubId');
  const fullName = input.fullName.normalize('NFC').trim();
  if (!fullName) throw badInput('fullName', 'a member needs a name');
  const today = todayInVietnam();
  if (input.birthDate > today) throw badInput('birthDate', 'a birth date cannot be in the future');
  if (input.joinedOn > today) throw badInput('joinedOn', 'a member cannot join in the future');
  if (input.joinedOn < input.birthDate) throw ruleViolation('joinedOn', 'a member cannot join before being born');
  await once(`club:${input.clubId}`, async () => {
    if (!(await em.findOne(ClubEntity, { id: input.clubId }, { fields: ['id'] }))) throw notFound('clubId', 'no club has this id');
  });
  await once(`lock:${input.clubId}:${input.joinedOn}`, () => assertOrganisationPeriodOpen(em, input.clubId, input.joinedOn, input.joinedOn, 'joinedOn', 'ONWARD'));
  // The database refuses a second head too (club_member_one_head_uq); asked first, so that an
  // import's transaction is not broken by a failed statement.
  if (input.boardRole === BoardRole.HEAD) {
    const heads = await sql(em, `select 1 from elderly.club_member where club_id = ? and board_role = 'HEAD' and left_on is null`, [input.clubId]);
    if (heads.length) throw conflict('boardRole', 'the club already has a head');
  }
  const member = {
    id: randomUUID(),
    clubId: input.clubId,
    fullName,
    sex: input.sex,
    birthDate: input.birthDate,
    ethnicGroup: input.ethnicGroup.normalize('NFC').trim(),
    povertyStatus: input.povertyStatus,
    boardRole: input.boardRole ?? null,
    joinedOn: input.joinedOn,
  };
  em.create(ClubMemberEntity, member);
  return member;
}
