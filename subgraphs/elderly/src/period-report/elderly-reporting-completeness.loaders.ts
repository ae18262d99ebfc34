import type { EntityManager } from '@mikro-orm/postgresql';
import type { Period } from '@hoi/common/period';
import { childrenOfParents, completenessLoader, type CompletenessKey } from '@hoi/common/period-report';
import { provinceInEdition, type UnitEdition } from '@hoi/common/references';
import { elderlyReports } from './elderly-period-report.plug.ts';
import type { ElderlyReportKind } from './elderly-period-report.type.ts';

/**
 * Every association unit and club of each provincial association's subtree, keyed by the province
 * in the edition asked for (the reform merged some): one walk down the tree from every province at
 * once, its clubs hash-joined to it, not a statement or an index probe per province. The province's
 * key is found for the provincial associations alone (a few dozen rows) before the walk, not by
 * joining the succession to every unit and club after it.
 */
export function provinceOrganisationsSql(edition: UnitEdition): string {
  const province = provinceInEdition(edition, 'a.unit_id');
  return `with recursive tree (province, id, level) as (
      select ${province.key}, a.id, a.level from elderly.association a ${province.join} where a.level = 'PROVINCE'
      union all
      select tree.province, a.id, a.level from elderly.association a join tree on a.parent_id = tree.id
    )
    select tree.province as group_key, tree.id, tree.level from tree
    union all
    select tree.province, c.id, 'CLUB' from elderly.club c join tree on c.association_id = tree.id`;
}

export interface AssociationCompletenessKey extends CompletenessKey {
  kind: ElderlyReportKind;
  period: Period;
}

export function createElderlyReportingCompletenessLoaders(em: EntityManager) {
  return {
    /** Each association unit's (groupKey) child units' and clubs' reporting, in one statement for every unit of a kind and period. */
    CompletenessByAssociationLoader: completenessLoader<AssociationCompletenessKey>(em, 'elderly', childrenOfParents(elderlyReports.completeness!)),
  };
}
