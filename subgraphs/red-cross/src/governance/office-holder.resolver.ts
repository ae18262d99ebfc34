import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { lockRule, writeTransaction } from '@hoi/common/writes';
import { badInput, conflict, notFound } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { requireTermWrite } from '../chapter/chapter.access.ts';
import type { RedCrossContext } from '../context.ts';
import { assertWithinTerm, cleanText, constraintConflict, type TermYears } from './governance.errors.ts';
import { OfficeHolderEntity } from './office-holder.entity.ts';
import {
  AppointOfficeHolderInput,
  EXECUTIVE_COMMITTEE_ROLES,
  INSPECTION_COMMITTEE_ROLES,
  OfficeHolder,
  OfficeRole,
  SINGLE_HOLDER_ROLES,
} from './office-holder.type.ts';
import { Term } from './term.type.ts';

/** Offices one person cannot hold at once in a term: the seats of the same committee. */
function sameBodyRoles(role: OfficeRole): readonly OfficeRole[] {
  if (EXECUTIVE_COMMITTEE_ROLES.includes(role)) return EXECUTIVE_COMMITTEE_ROLES;
  if (INSPECTION_COMMITTEE_ROLES.includes(role)) return INSPECTION_COMMITTEE_ROLES;
  return [role];
}

@Resolver(() => OfficeHolder)
export class OfficeHolderResolver {
  @Mutation(() => OfficeHolder, {
    description: 'Records someone taking an office or a committee seat in a term; a chair, honorary chair or head of the Inspection Committee has one holder at a time.',
  })
  async appointOfficeHolder(@Arg('input', () => AppointOfficeHolderInput) input: AppointOfficeHolderInput, @Ctx() ctx: RedCrossContext): Promise<OfficeHolder> {
    const { termId, role } = input;
    await requireTermWrite(ctx, termId, 'termId');
    const personName = cleanText(input.personName);
    const outsideRole = input.outsideRole == null ? null : cleanText(input.outsideRole);
    const tookOfficeOn = input.tookOfficeOn ?? null;
    const leftOfficeOn = input.leftOfficeOn ?? null;
    if (tookOfficeOn && leftOfficeOn && leftOfficeOn <= tookOfficeOn) throw badInput('leftOfficeOn', 'leftOfficeOn must come after tookOfficeOn');
    const id = randomUUID();
    try {
      await writeTransaction(ctx.em, async (em) => {
        // Appointments to one term take turns, so the checks below cannot race.
        await lockRule(em, 'red_cross.term.offices', termId);
        const [term] = await sql<TermYears>(em, `select start_year as "startYear", end_year as "endYear" from red_cross.term where id = ?`, [termId]);
        if (!term) throw notFound('termId', 'no term has this id');
        assertWithinTerm(term, tookOfficeOn, 'tookOfficeOn');
        assertWithinTerm(term, leftOfficeOn, 'leftOfficeOn');
        const clashes = await sql<{ role: OfficeRole; personName: string }>(
          em,
          `select role, person_name as "personName" from red_cross.office_holder
            where term_id = ?
              and daterange(took_office_on, left_office_on, '[)') && daterange(?::date, ?::date, '[)')
              and (role = ? and role in (?) or person_name = ? and role in (?))`,
          [termId, tookOfficeOn, leftOfficeOn, role, SINGLE_HOLDER_ROLES, personName, sameBodyRoles(role)],
        );
        const holder = clashes.find((clash) => clash.role === role && SINGLE_HOLDER_ROLES.includes(role));
        if (holder) throw conflict('role', `${holder.personName} holds ${role} in this term for an overlapping period`);
        if (clashes.length > 0) throw conflict('personName', `${personName} already holds ${clashes[0].role} in the same body for an overlapping period`);
        em.create(OfficeHolderEntity, { id, termId, role, personName, outsideRole, tookOfficeOn, leftOfficeOn });
      });
    } catch (error) {
      throw constraintConflict(error) ?? error;
    }
    return { id, termId, role, personName, outsideRole, tookOfficeOn, leftOfficeOn };
  }

  @FieldResolver(() => Term)
  term(@Root() holder: OfficeHolder, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.TermByIdLoader.load(holder.termId);
  }
}
