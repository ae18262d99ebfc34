import { requireWriteScope } from '@hoi/common/access';
import { notFound } from '@hoi/common/errors';
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
