import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { lockRule, writeTransaction } from '@hoi/common/writes';
import { conflict, notFound, ruleViolation } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import { requireTermDocumentWrite, requireTermWrite } from '../chapter/chapter.access.ts';
import type { RedCrossContext } from '../context.ts';
import { assertWithinTerm, cleanText, constraintConflict, todayInVietnam, type TermYears } from './governance.errors.ts';
import { TermDocumentEntity } from './term-document.entity.ts';
import {
  AdoptTermDocumentInput,
  DEFAULT_TITLES,
  RecordTermDocumentDraftInput,
  TermDocument,
  TermDocumentKind,
  TermDocumentStatus,
} from './term-document.type.ts';
import { Term } from './term.type.ts';

@Resolver(() => TermDocument)
export class TermDocumentResolver {
  @Mutation(() => TermDocument, { description: 'Records the draft (dự thảo) of a term\'s document; a term has one document of each kind.' })
  async recordTermDocumentDraft(@Arg('input', () => RecordTermDocumentDraftInput) input: RecordTermDocumentDraftInput, @Ctx() ctx: RedCrossContext): Promise<TermDocument> {
    const { termId, kind } = input;
    await requireTermWrite(ctx, termId, 'termId');
    const title = cleanText(input.title ?? DEFAULT_TITLES[kind]);
    const draftedOn = input.draftedOn ?? null;
    const id = randomUUID();
    try {
      await writeTransaction(ctx.em, async (em) => {
        // Drafts of one term take turns: the existing document read below is then current.
        await lockRule(em, 'red_cross.term.documents', termId);
        const [term] = await sql<TermYears & { existing: string | null }>(
          em,
          `select start_year as "startYear", end_year as "endYear",
                  (select status from red_cross.term_document where term_id = t.id and kind = ?) as existing
             from red_cross.term t where id = ?`,
          [kind, termId],
        );
        if (!term) throw notFound('termId', 'no term has this id');
        assertWithinTerm(term, draftedOn, 'draftedOn');
        if (draftedOn && draftedOn > todayInVietnam()) throw ruleViolation('draftedOn', 'draftedOn must not be in the future');
        if (term.existing) throw conflict('kind', `the term already has a document of this kind (${term.existing})`);
        em.create(TermDocumentEntity, { id, termId, kind, title, status: TermDocumentStatus.DRAFT, draftedOn, adoptedOn: null });
      });
    } catch (error) {
      throw constraintConflict(error) ?? error;
    }
    return { id, termId, kind, title, status: TermDocumentStatus.DRAFT, draftedOn, adoptedOn: null };
  }

  @Mutation(() => TermDocument, { description: 'Records that a draft was adopted (thông qua) on a day within its term.' })
  async adoptTermDocument(@Arg('input', () => AdoptTermDocumentInput) input: AdoptTermDocumentInput, @Ctx() ctx: RedCrossContext): Promise<TermDocument> {
    const { documentId, adoptedOn } = input;
    await requireTermDocumentWrite(ctx, documentId, 'documentId');
    return writeTransaction(ctx.em, async (em) => {
      const [document] = await sql<Omit<TermDocument, 'adoptedOn'> & TermYears & { adoptedOn: string | null }>(
        em,
        `select d.id, d.term_id as "termId", d.kind, d.title, d.status, to_char(d.drafted_on, 'YYYY-MM-DD') as "draftedOn",
                to_char(d.adopted_on, 'YYYY-MM-DD') as "adoptedOn", t.start_year as "startYear", t.end_year as "endYear"
           from red_cross.term_document d join red_cross.term t on t.id = d.term_id
          where d.id = ? for update of d`,
        [documentId],
      );
      if (!document) throw notFound('documentId', 'no term document has this id');
      if (document.status !== TermDocumentStatus.DRAFT) {
        throw ruleViolation('documentId', `only a draft can be adopted; this document was adopted on ${document.adoptedOn}`);
      }
      assertWithinTerm(document, adoptedOn, 'adoptedOn');
      if (document.draftedOn && adoptedOn < document.draftedOn) throw ruleViolation('adoptedOn', `adoptedOn must not come before the draft (${document.draftedOn})`);
      if (adoptedOn > todayInVietnam()) throw ruleViolation('adoptedOn', 'adoptedOn must not be in the future');
      await em.nativeUpdate(TermDocumentEntity, { id: documentId }, { status: TermDocumentStatus.ADOPTED, adoptedOn });
      const { id, termId, kind, title, draftedOn } = document;
      return { id, termId, kind: kind as TermDocumentKind, title, status: TermDocumentStatus.ADOPTED, draftedOn, adoptedOn };
    });
  }

  @FieldResolver(() => Term)
  term(@Root() document: TermDocument, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.TermByIdLoader.load(document.termId);
  }
}
