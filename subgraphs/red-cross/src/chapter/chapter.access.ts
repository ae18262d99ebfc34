import { requireWriteScope } from '@hoi/common/access';
import { notFound } from '@hoi/common/errors';
import { sql } from '@hoi/common/orm';
import type { RedCrossContext } from '../context.ts';

/**
 * A write to a chapter (or to something of it) needs a chapter officer of that chapter or of one
 * above it: the chapter's materialised path is the list of chapters that cover it.
 */
export async function requireChapterWrite(ctx: RedCrossContext, chapterId: string, field: string): Promise<void> {
  const path = await ctx.loaders.ChapterPathByIdLoader.load(chapterId);
  if (!path) throw notFound(field, 'no chapter has this id');
  requireWriteScope(ctx.caller, ['chapter_officer'], path, field);
}

/** A write to a term (its office holders, its documents) is a write to the term's chapter. */
export async function requireTermWrite(ctx: RedCrossContext, termId: string, field: string): Promise<void> {
  const term = await ctx.loaders.TermByIdLoader.load(termId);
  if (!term) throw notFound(field, 'no term has this id');
  await requireChapterWrite(ctx, term.chapterId, field);
}

/** A write to a term's document is a write to the chapter of the document's term. */
export async function requireTermDocumentWrite(ctx: RedCrossContext, documentId: string, field: string): Promise<void> {
  const [document] = await sql<{ chapterId: string }>(
    ctx.em,
    `select t.chapter_id as "chapterId" from red_cross.term_document d join red_cross.term t on t.id = d.term_id where d.id = ?`,
    [documentId],
  );
  if (!document) throw notFound(field, 'no term document has this id');
  await requireChapterWrite(ctx, document.chapterId, field);
}
