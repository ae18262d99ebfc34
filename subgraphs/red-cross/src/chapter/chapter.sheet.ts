import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '@hoi/common/errors';
import { isUuid, sql } from '@hoi/common/orm';
import type { Once, Organisation } from '@hoi/common/spreadsheet/sheet-kind';
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

/**
 * A column that names a record (a campaign, a programme) where the mutation takes its id: found by
 * `query` (parameters: the row's chapter id, the name as typed), once per chapter and name in an
 * import; NOT_FOUND at that column when there is none. An id is passed on as it is.
 */
export function idByName(field: string, query: string, missing: (name: string) => string) {
  return async (_ctx: RedCrossContext, em: EntityManager, values: Record<string, unknown>, once: Once): Promise<Record<string, unknown>> => {
    const name = values[field];
    if (typeof name !== 'string' || isUuid(name)) return values;
    const id = await once(`${field}-name:${values.chapterId}:${name}`, async () => {
      const [found] = await sql<{ id: string }>(em, query, [values.chapterId, name]);
      if (!found) throw notFound(field, missing(name));
      return found.id;
    });
    return { ...values, [field]: id };
  };
}
