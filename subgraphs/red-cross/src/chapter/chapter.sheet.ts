import { isUuid, sql } from '@hoi/common/orm';
import type { Organisation } from '@hoi/common/spreadsheet/sheet-kind';
import type { RedCrossContext } from '../context.ts';

/**
 * The chapters a caller may write to, for every kind of red-cross sheet: the template lists them,
 * an import matches a row's chapter by name (either tone-mark style), by its administrative unit's
 * code, or by id. National admins write everywhere; an officer to the chapters under their scope.
 */
export async function writableChapters(ctx: RedCrossContext): Promise<Organisation[]> {
  const everyone = ctx.caller.role === 'national_admin';
  return sql<Organisation>(
    ctx.em,
    `select id, name, unit_id as code from red_cross.chapter where ? or path && ?::uuid[] order by array_length(path, 1), name`,
    [everyone, `{${ctx.caller.scopeIds.filter(isUuid).join(',')}}`],
  );
}
