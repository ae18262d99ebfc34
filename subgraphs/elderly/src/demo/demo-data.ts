import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';
import { foldVietnamese } from '@hoi/common/text';
import { loadLaiChau2019DemoData } from './lai-chau-2019.demo.ts';
import { loadThaiNguyen2023DemoData } from './thai-nguyen-2023.demo.ts';
import { loadTrainingDemoData } from '../training/training.demo.ts';
import { loadReplicationSchemeDemoData } from '../scheme/replication-scheme.demo.ts';
import { loadClubFundDemoData } from '../fund/club-fund.demo.ts';
import { loadRepresentativeBoardDemoData } from '../representative-board/representative-board.demo.ts';
import { loadElderlyPeriodReportDemoData } from '../period-report/elderly-period-report.demo.ts';

/**
 * The Elderly Association units the articles name. Slugs (`elderly:<province>`) are the contract
 * with the emulation subgraph's demo data. Units are of the edition before 1 July 2025.
 */
const ASSOCIATIONS = [
  { slug: 'elderly:lai-chau', name: 'Hội Người cao tuổi tỉnh Lai Châu', unit: 'BEFORE_2025:12' },
  { slug: 'elderly:thai-nguyen', name: 'Hội Người cao tuổi tỉnh Thái Nguyên', unit: 'BEFORE_2025:19' },
  { slug: 'elderly:binh-thuan', name: 'Hội Người cao tuổi tỉnh Bình Thuận', unit: 'BEFORE_2025:60' },
];

export async function loadElderlyDemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'elderly.association',
    ASSOCIATIONS.map((association) => ({
      id: stableId(association.slug),
      parent_id: null,
      level: 'PROVINCE',
      name: association.name.normalize('NFC'),
      name_folded: foldVietnamese(association.name),
      unit_id: association.unit,
    })),
  );
  await loadLaiChau2019DemoData(em);
  await loadThaiNguyen2023DemoData(em);
  await loadTrainingDemoData(em);
  await loadReplicationSchemeDemoData(em);
  // Last: the fund ledgers of the Lai Châu clubs need the club rows loaded above.
  await loadClubFundDemoData(em);
  await loadRepresentativeBoardDemoData(em);
  // Last of all: the approval freezes the figures loaded above.
  await loadElderlyPeriodReportDemoData(em);
}
