import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { lockRule, writeTransaction } from '@hoi/common/writes';
import { todayInVietnam } from '@hoi/common/dates';
import { badInput, conflict, notFound, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { cleanText } from '@hoi/common/text';
import { requireAssociationWrite } from '../association/association.access.ts';
import { AssociationLevel, ElderlyAssociation } from '../association/elderly-association.type.ts';
import type { ElderlyContext } from '../context.ts';
import { boardConstraintError } from './representative-board.errors.ts';
import { RepresentativeBoardMemberEntity } from './representative-board.entity.ts';
import {
  AppointRepresentativeBoardMemberInput,
  ASSOCIATION_FOUNDED_ON,
  RepresentativeBoardMember,
  RepresentativeBoardRole,
} from './representative-board.type.ts';

@Resolver(() => RepresentativeBoardMember)
export class RepresentativeBoardMemberResolver {
  @Mutation(() => RepresentativeBoardMember, {
    description:
      'Records someone taking a seat on the Representative Board (Ban đại diện) of a provincial association unit. ' +
      'The board has one head at a time, and a person holds one seat on it at a time.',
  })
  async appointRepresentativeBoardMember(
    @Arg('input', () => AppointRepresentativeBoardMemberInput) input: AppointRepresentativeBoardMemberInput,
    @Ctx() ctx: ElderlyContext,
  ): Promise<RepresentativeBoardMember> {
    const { associationId, role } = input;
    await requireAssociationWrite(ctx, associationId, 'associationId');
    const personName = cleanText(input.personName);
    const outsideRole = input.outsideRole == null ? null : cleanText(input.outsideRole);
    const startedOn = input.startedOn ?? null;
    const endedOn = input.endedOn ?? null;
    if (startedOn != null && startedOn < ASSOCIATION_FOUNDED_ON) throw badInput('startedOn', `startedOn is before the Association was founded (${ASSOCIATION_FOUNDED_ON})`);
    if (startedOn != null && startedOn > todayInVietnam()) throw badInput('startedOn', 'startedOn is in the future');
    if (endedOn != null && endedOn <= ASSOCIATION_FOUNDED_ON) throw badInput('endedOn', `endedOn must come after the Association was founded (${ASSOCIATION_FOUNDED_ON})`);
    if (startedOn != null && endedOn != null && endedOn <= startedOn) throw badInput('endedOn', 'endedOn must come after startedOn');
    const member: RepresentativeBoardMember = { id: randomUUID(), associationId, role, personName, outsideRole, startedOn, endedOn };
    try {
      await writeTransaction(ctx.em, async (em) => {
        // Appointments to one board take turns, so the checks below cannot race.
        await lockRule(em, 'elderly.association.board', associationId);
        const [unit] = await sql<{ level: string }>(em, `select level from elderly.association where id = ?`, [associationId]);
        if (!unit) throw notFound('associationId', 'no association unit has this id');
        if (unit.level !== AssociationLevel.PROVINCE) {
          throw ruleViolation('associationId', `only a provincial association unit has a Representative Board; this unit is ${unit.level}`);
        }
        // Seats whose periods overlap this one (an unknown start reaches back, an open end forward)
        // held by a head when a head is appointed, or by the same person.
        const clashes = await sql<{ role: RepresentativeBoardRole; personName: string }>(
          em,
          `select role, person_name as "personName" from elderly.representative_board_member
            where association_id = ?
              and daterange(started_on, ended_on, '[)') && daterange(?::date, ?::date, '[)')
              and ((role = 'HEAD' and ? = 'HEAD') or person_name = ?)`,
          [associationId, startedOn, endedOn, role, personName],
        );
        const head = clashes.find((clash) => clash.role === RepresentativeBoardRole.HEAD && role === RepresentativeBoardRole.HEAD);
        if (head) throw conflict('role', `${head.personName} heads the Representative Board for an overlapping period`);
        if (clashes.length > 0) throw conflict('personName', `${personName} already holds a ${clashes[0].role} seat on the board for an overlapping period`);
        em.create(RepresentativeBoardMemberEntity, member);
      });
    } catch (error) {
      throw boardConstraintError(error) ?? error;
    }
    return member;
  }

  @FieldResolver(() => ElderlyAssociation, { description: 'The provincial association unit whose board this is.' })
  association(@Root() member: RepresentativeBoardMember, @Ctx() ctx: ElderlyContext) {
    return ctx.loaders.ElderlyAssociationByIdLoader.load(member.associationId);
  }
}

@Resolver(() => ElderlyAssociation)
export class AssociationRepresentativeBoardResolver {
  @FieldResolver(() => [RepresentativeBoardMember], {
    nullable: true,
    description:
      'The current members of the Representative Board (Ban đại diện, BĐD), the head first, then deputy heads and members in Vietnamese name order. ' +
      'Null for a unit below the provincial level, which has no such board.',
  })
  representativeBoard(@Root() association: ElderlyAssociation, @Ctx() ctx: ElderlyContext) {
    if (association.level !== AssociationLevel.PROVINCE) return null;
    return ctx.loaders.RepresentativeBoardByAssociationIdLoader.load(association.id);
  }
}
