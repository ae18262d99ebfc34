import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';
import { foldVietnamese } from '@hoi/common/text';
import { loadCampaignDemoData } from './campaigns.demo.ts';
import { loadCluster2022DemoData } from './cluster-2022.demo.ts';
import { loadLaoCai2022DemoData } from './lao-cai-2022.demo.ts';
import { loadBloodDonationDemoData } from '../blood-donation/blood-donation.demo.ts';
import { loadModelProgrammeDemoData } from '../model-programme/model-programme.demo.ts';
import { loadGovernanceDemoData } from '../governance/governance.demo.ts';
import { loadPeriodReportDemoData } from '../period-report/period-report.demo.ts';

/**
 * The Red Cross chapters the articles name. Slugs (`red-cross:<province>`) are the contract with
 * the emulation subgraph's demo data, which refers to these chapters by the same stable ids.
 * Units are of the edition of the map when the articles were written (before 1 July 2025).
 */
const NATIONAL = { slug: 'red-cross:national', name: 'Trung ương Hội Chữ thập đỏ Việt Nam', unit: null };
export const PROVINCIAL_CHAPTERS = [
  { slug: 'red-cross:bac-giang', name: 'Hội Chữ thập đỏ tỉnh Bắc Giang', unit: 'BEFORE_2025:24' },
  { slug: 'red-cross:thai-nguyen', name: 'Hội Chữ thập đỏ tỉnh Thái Nguyên', unit: 'BEFORE_2025:19' },
  { slug: 'red-cross:hoa-binh', name: 'Hội Chữ thập đỏ tỉnh Hòa Bình', unit: 'BEFORE_2025:17' },
  { slug: 'red-cross:tuyen-quang', name: 'Hội Chữ thập đỏ tỉnh Tuyên Quang', unit: 'BEFORE_2025:08' },
  { slug: 'red-cross:bac-kan', name: 'Hội Chữ thập đỏ tỉnh Bắc Kạn', unit: 'BEFORE_2025:06' },
  { slug: 'red-cross:yen-bai', name: 'Hội Chữ thập đỏ tỉnh Yên Bái', unit: 'BEFORE_2025:15' },
  { slug: 'red-cross:phu-tho', name: 'Hội Chữ thập đỏ tỉnh Phú Thọ', unit: 'BEFORE_2025:25' },
  { slug: 'red-cross:lao-cai', name: 'Hội Chữ thập đỏ tỉnh Lào Cai', unit: 'BEFORE_2025:10' },
  { slug: 'red-cross:binh-thuan', name: 'Hội Chữ thập đỏ tỉnh Bình Thuận', unit: 'BEFORE_2025:60' },
];

const chapterRow = (chapter: { slug: string; name: string; unit: string | null }, level: string, parentSlug: string | null) => ({
  id: stableId(chapter.slug),
  parent_id: parentSlug ? stableId(parentSlug) : null,
  level,
  name: chapter.name.normalize('NFC'),
  name_folded: foldVietnamese(chapter.name),
  unit_id: chapter.unit,
});

export async function loadRedCrossDemoData(em: EntityManager): Promise<void> {
  await insertMissing(em, 'red_cross.chapter', [chapterRow(NATIONAL, 'NATIONAL', null)]);
  await insertMissing(em, 'red_cross.chapter', PROVINCIAL_CHAPTERS.map((chapter) => chapterRow(chapter, 'PROVINCE', NATIONAL.slug)));
  await loadCampaignDemoData(em);
  await loadLaoCai2022DemoData(em);
  await loadCluster2022DemoData(em);
  await loadBloodDonationDemoData(em);
  await loadModelProgrammeDemoData(em);
  await loadGovernanceDemoData(em);
  // Last: the reports freeze the figures loaded above.
  await loadPeriodReportDemoData(em);
}
