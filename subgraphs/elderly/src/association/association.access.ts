import { requireWriteScope } from '@hoi/common/access';
import { forbidden, notFound } from '@hoi/common/errors';
import { isUuid, sql } from '@hoi/common/orm';
import type { Organisation } from '@hoi/common/spreadsheet/sheet-kind';
import type { Role } from '@hoi/common/identity';
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

/** The roles whose reads cover the whole country: a national administrator, an analyst (all units). */
export const NATIONAL_READERS: readonly Role[] = ['national_admin', 'analyst'];

/**
 * A national read (figures over every root association, toàn quốc) needs a role that covers the
 * whole country; refused with FORBIDDEN on `field` to anyone else, whatever their scope.
 */
export function requireNationalRead(ctx: ElderlyContext, field: string): void {
  const { role } = ctx.caller;
  if (role && NATIONAL_READERS.includes(role)) return;
  throw forbidden(field, 'figures for the whole country are for national administrators and analysts; name an association unit');
}

/** The clubs a caller may write to, by name: what a sheet of club records lists and matches (its `organisations`). */
export function writableClubs(ctx: ElderlyContext): Promise<Organisation[]> {
  const scope = `{${ctx.caller.scopeIds.filter(isUuid).join(',')}}`;
  return sql<Organisation>(
    ctx.em,
    `with recursive units (id) as (
       select id from elderly.association where id = any(?::uuid[])
       union all
       select a.id from elderly.association a join units u on a.parent_id = u.id)
     select c.id, c.name from elderly.club c
      where ? or c.id = any(?::uuid[]) or c.association_id in (select id from units)
      order by c.name`,
    [scope, ctx.caller.role === 'national_admin', scope],
  );
}
