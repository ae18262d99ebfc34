import { requireWriteScope } from '@hoi/common/access';
import { notFound } from '@hoi/common/errors';
import type { ElderlyContext } from '../context.ts';

/** A write to an association unit needs an association officer of that unit or of one above it. */
export async function requireAssociationWrite(ctx: ElderlyContext, associationId: string, field: string): Promise<void> {
  const chain = await ctx.loaders.AssociationChainByIdLoader.load(associationId);
  if (!chain) throw notFound(field, 'no association unit has this id');
  requireWriteScope(ctx.caller, ['association_officer'], chain, field);
}

/**
 * A write to a club (its members, fund, meetings, groups) needs the club's manager, or an
 * association officer of the unit that runs it or of one above.
 */
export async function requireClubWrite(ctx: ElderlyContext, clubId: string, field: string): Promise<void> {
  const managing = await ctx.loaders.ManagingUnitIdsByClubIdLoader.load(clubId);
  if (managing.length === 0) throw notFound(field, 'no club has this id');
  requireWriteScope(ctx.caller, ['club_manager', 'association_officer'], [clubId, ...managing], field);
}
