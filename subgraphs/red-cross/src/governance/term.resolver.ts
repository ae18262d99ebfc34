import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { lockRule, writeTransaction } from '@hoi/common/writes';
import { badInput, conflict, notFound } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { PageArgs, readPage } from '@hoi/common/pagination';
import { requireChapterWrite } from '../chapter/chapter.access.ts';
import { ChapterEntity } from '../chapter/chapter.entity.ts';
import { Chapter } from '../chapter/chapter.type.ts';
import type { RedCrossContext } from '../context.ts';
import { ExecutiveCommittee, InspectionCommittee } from './committee.type.ts';
import { constraintConflict, todayInVietnam } from './governance.errors.ts';
import { OfficeHolder, OfficeHolderConnection, OfficeRole } from './office-holder.type.ts';
import { parseRoman, toRoman } from './roman-numeral.ts';
import { TermDocumentConnection } from './term-document.type.ts';
import { TermEntity } from './term.entity.ts';
import { toTerm } from './term.loaders.ts';
import { FIRST_YEAR, LAST_YEAR, LONGEST_TERM_YEARS, OpenTermInput, Term, TermConnection } from './term.type.ts';

@Resolver(() => Chapter)
export class ChapterTermsResolver {
  @FieldResolver(() => TermConnection, { description: 'The chapter\'s terms (nhiệm kỳ), newest first.' })
  terms(@Root() chapter: Chapter, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.TermsByChapterIdLoader.load({ parentId: chapter.id, page: readPage(pageArgs) });
  }

  @FieldResolver(() => Term, {
    nullable: true,
    description: 'The chapter\'s term in a year: the newest one started by then and not ended before it (in a congress year, the new term).',
  })
  currentTerm(
    @Root() chapter: Chapter,
    @Arg('year', () => Int, { nullable: true, description: 'By default the current year in Vietnam.' }) year: number | null | undefined,
    @Ctx() ctx: RedCrossContext,
  ) {
    const asked = year ?? Number(todayInVietnam().slice(0, 4));
    if (!Number.isInteger(asked) || asked < FIRST_YEAR || asked > LAST_YEAR) throw badInput('year', `year must be between ${FIRST_YEAR} and ${LAST_YEAR}`);
    return ctx.loaders.CurrentTermByChapterIdLoader.load({ chapterId: chapter.id, year: asked });
  }
}

@Resolver(() => Term)
export class TermResolver {
  @Query(() => Term, { nullable: true, description: 'One term of a Red Cross chapter by id.' })
  term(@Arg('id', () => ID) id: string, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.TermByIdLoader.load(id);
  }

  @Mutation(() => Term, { description: 'Opens a term (nhiệm kỳ) of a chapter, as its congress (đại hội) elects a new Executive Committee.' })
  async openTerm(@Arg('input', () => OpenTermInput) input: OpenTermInput, @Ctx() ctx: RedCrossContext): Promise<Term> {
    const { chapterId, startYear, endYear } = input;
    await requireChapterWrite(ctx, chapterId, 'chapterId');
    const ordinal = input.ordinal == null ? null : parseRoman(input.ordinal);
    if (input.ordinal != null && ordinal == null) throw badInput('ordinal', 'ordinal must be a Roman numeral written the usual way, such as VII');
    if (endYear <= startYear) throw badInput('endYear', 'a term ends in a later year than it starts');
    if (endYear - startYear > LONGEST_TERM_YEARS) throw badInput('endYear', `a term lasts at most ${LONGEST_TERM_YEARS} years`);
    const id = randomUUID();
    try {
      await writeTransaction(ctx.em, async (em) => {
        // Terms of one chapter open one at a time: the overlap check below reads the others' commits.
        await lockRule(em, 'red_cross.chapter.terms', chapterId);
        if (!(await em.findOne(ChapterEntity, { id: chapterId }, { fields: ['id'] }))) {
          throw notFound('chapterId', 'no chapter has this id');
        }
        const clashes = await sql<{ ordinal: number | null; startYear: number; endYear: number; overlaps: boolean }>(
          em,
          `select ordinal, start_year as "startYear", end_year as "endYear", int4range(start_year, end_year) && int4range(?, ?) as overlaps
             from red_cross.term
            where chapter_id = ? and (int4range(start_year, end_year) && int4range(?, ?) or ordinal = ?)
            order by start_year`,
          [startYear, endYear, chapterId, startYear, endYear, ordinal],
        );
        const overlapping = clashes.find((clash) => clash.overlaps);
        if (overlapping) {
          throw conflict('startYear', `the chapter already has a term for ${overlapping.startYear}–${overlapping.endYear}, which overlaps these years`);
        }
        if (clashes.length > 0) throw conflict('ordinal', `the chapter already has a term ${toRoman(ordinal!)}`);
        em.create(TermEntity, { id, chapterId, ordinal, startYear, endYear });
      });
    } catch (error) {
      throw constraintConflict(error) ?? error;
    }
    return toTerm({ id, chapterId, ordinal, startYear, endYear });
  }

  @FieldResolver(() => Chapter)
  chapter(@Root() term: Term, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.ChapterByIdLoader.load(term.chapterId);
  }

  @FieldResolver(() => ExecutiveCommittee, { description: 'The Executive Committee (Ban Chấp hành) of the term.' })
  executiveCommittee(@Root() term: Term): ExecutiveCommittee {
    return { termId: term.id };
  }

  @FieldResolver(() => InspectionCommittee, { description: 'The Inspection Committee (Ban Kiểm tra) of the term.' })
  inspectionCommittee(@Root() term: Term): InspectionCommittee {
    return { termId: term.id };
  }

  @FieldResolver(() => OfficeHolder, { nullable: true, description: 'The chair (Chủ tịch) in office, or at the end of a past term.' })
  chair(@Root() term: Term, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.CurrentOfficeHolderByTermIdAndRoleLoader.load({ termId: term.id, role: OfficeRole.CHAIR });
  }

  @FieldResolver(() => OfficeHolder, { nullable: true, description: 'The honorary chair (Chủ tịch danh dự) in office, or at the end of a past term.' })
  honoraryChair(@Root() term: Term, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.CurrentOfficeHolderByTermIdAndRoleLoader.load({ termId: term.id, role: OfficeRole.HONORARY_CHAIR });
  }

  @FieldResolver(() => OfficeHolderConnection, { description: 'Everyone who held an office or a committee seat in the term, former holders included, by office then name.' })
  officeHolders(
    @Root() term: Term,
    @Arg('role', () => OfficeRole, { nullable: true, description: 'Only the holders of this office, e.g. VICE_CHAIR.' }) role: OfficeRole | null | undefined,
    @Args(() => PageArgs) pageArgs: PageArgs,
    @Ctx() ctx: RedCrossContext,
  ) {
    const filter = role ? { where: 'role = ?', params: [role] } : undefined;
    return ctx.loaders.OfficeHoldersByTermIdLoader.load({ parentId: term.id, page: readPage(pageArgs), filter });
  }

  @FieldResolver(() => TermDocumentConnection, { description: 'The term\'s documents, drafts and adopted, by kind.' })
  documents(@Root() term: Term, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.TermDocumentsByTermIdLoader.load({ parentId: term.id, page: readPage(pageArgs) });
  }
}
