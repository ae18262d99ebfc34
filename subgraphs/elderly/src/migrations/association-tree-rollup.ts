/**
 * The trigger function a roll-up per ancestor association needs on `elderly.association`: an
 * association that moves (a change of one of `columns`, which include id and parent_id) or is
 * deleted changes the subtrees of itself, its old parent and everything above either, so the rows
 * of those associations are rebuilt (rare: restructurings). It locks the roll-up table in
 * EXCLUSIVE mode before it reads the tree (see each roll-up's migration for why).
 * Shared by the club statistics and association fund roll-ups' migrations; the text it gives must
 * not change for the first (already applied).
 */
export function treeChangedFunction(name: string, rollupTable: string, rebuild: string, columns: string): string {
  const rebuildAbove = (changed: string) => `
        if exists (${changed}) then
          -- Before reading the tree: see the class comment.
          lock table ${rollupTable} in exclusive mode;
          with recursive changed (id, parent_id) as (${changed}),
          up (id) as (
            select unnest(array[id, parent_id]) from changed
            union
            select a.parent_id from up join elderly.association a on a.id = up.id
          )
          select array_agg(id) into affected from up where id is not null;
          perform ${rebuild}(affected);
        end if`;
  return `
      create function ${name}() returns trigger language plpgsql as $$
      declare
        affected uuid[];
      begin
        if tg_op = 'DELETE' then
          ${rebuildAbove('select id, parent_id from old_rows')};
        else
          ${rebuildAbove(`select id, parent_id from (select ${columns} from old_rows except all select ${columns} from new_rows) x`)};
        end if;
        return null;
      end $$`;
}

/** `below (id)`: the associations `associations` (an uuid[] expression) and every one under them. Starts a WITH clause. */
export const associationsBelow = (associations: string) => `with recursive below (id) as (
              select unnest(${associations})
              union
              select a.id from elderly.association a join below on a.parent_id = below.id
            )`;
