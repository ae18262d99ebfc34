import type { EntityManager } from '@mikro-orm/postgresql';
import type { Period } from '@hoi/common/period';
import { childrenOfParents, completenessLoader, type CompletenessKey } from '@hoi/common/period-report';
import { provinceInEdition, type UnitEdition } from '@hoi/common/references';
import { elderlyReports } from './elderly-period-report.plug.ts';
import type { ElderlyReportKind } from './elderly-period-report.type.ts';

/**
 * Every association unit and club of each provincial association's subtree, keyed by the province
 * in the edition asked for (the reform merged some): one walk down the tree from every province at
 * once, its clubs hash-joined to it, not a statement or an index probe per province.
 */
export function provinceOrganisationsSql(edition: UnitEdition): string {
  const province = provinceInEdition(edition, 'o.province_unit');
  return `with recursive tree (province_unit, id, level) as (
      select a.unit_id, a.id, a.level from elderly.association a where a.level = 'PROVINCE'
      union all
      select tree.province_unit, a.id, a.level from elderly.association a join tree on a.parent_id = tree.id
    )
    select ${province.key} as group_key, o.id, o.level
      from (select province_unit, id, level from tree
            union all
            select tree.province_unit, c.id, 'CLUB' from elderly.club c join tree on c.association_id = tree.id) o
      ${province.join}`;
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
