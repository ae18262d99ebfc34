import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';
import { loadCycleDemoData } from '../cycle/cycle.demo.ts';
import { loadClusterMeetingDemoData } from '../meeting/cluster-meeting.demo.ts';
import { loadRegulationDemoData } from '../regulation/regulation.demo.ts';
import { loadClusterRoleDemoData } from '../role/cluster-role.demo.ts';

/**
 * The two clusters of the articles. Members point at chapters and associations by the stable
 * ids their own subgraphs give them (same slugs), never by reading those subgraphs' tables.
 */
const RED_CROSS_CLUSTER_2022 = {
  slug: 'emulation:red-cross-midland-northern-mountain-2022',
  name: 'Cụm thi đua Hội Chữ thập đỏ 7 tỉnh trung du và miền núi phía Bắc',
  kind: 'SAME_ASSOCIATION_ACROSS_PROVINCES',
  year: 2022,
  unit: null,
  reported: 7,
  members: ['bac-giang', 'thai-nguyen', 'hoa-binh', 'tuyen-quang', 'bac-kan', 'yen-bai', 'phu-tho'].map((province) => ({
    chapter: `red-cross:${province}`,
  })),
};

// Khối thi đua 8 of Bình Thuận has 12 member associations; the article names six of them by
// their programmes. The other six are left for the emulation issue, which brings their sources.
const BINH_THUAN_EXTERNAL = [
  { slug: 'emulation:binh-thuan-agent-orange', name: 'Hội Nạn nhân chất độc da cam/dioxin tỉnh Bình Thuận' },
  { slug: 'emulation:binh-thuan-blind', name: 'Hội Người mù tỉnh Bình Thuận' },
  { slug: 'emulation:binh-thuan-former-youth-volunteers', name: 'Hội Cựu thanh niên xung phong tỉnh Bình Thuận' },
  { slug: 'emulation:binh-thuan-poor-patients', name: 'Hội Bảo trợ bệnh nhân nghèo tỉnh Bình Thuận' },
];
const BLOC_8_2024 = {
  slug: 'emulation:binh-thuan-bloc-8-2024',
  name: 'Khối thi đua 8 tỉnh Bình Thuận',
  kind: 'ASSOCIATIONS_OF_ONE_PROVINCE',
  year: 2024,
  unit: 'BEFORE_2025:60',
  // "12 cơ quan hội thành viên của Khối thi đua 8" (article 001): six are named above and below.
  reported: 12,
  members: [
    { association: 'elderly:binh-thuan' },
    { chapter: 'red-cross:binh-thuan' },
    ...BINH_THUAN_EXTERNAL.map((organisation) => ({ external: organisation.slug })),
  ],
};

export async function loadEmulationDemoData(em: EntityManager): Promise<void> {
  await insertMissing(
    em,
    'emulation.external_organisation',
    BINH_THUAN_EXTERNAL.map((organisation) => ({ id: stableId(organisation.slug), name: organisation.name.normalize('NFC'), unit_id: 'BEFORE_2025:60' })),
  );
  for (const cluster of [RED_CROSS_CLUSTER_2022, BLOC_8_2024]) {
    await insertMissing(em, 'emulation.cluster', [
      { id: stableId(cluster.slug), name: cluster.name.normalize('NFC'), kind: cluster.kind, year: cluster.year, unit_id: cluster.unit, reported_member_count: cluster.reported },
    ]);
    await insertMissing(
      em,
      'emulation.cluster_member',
      cluster.members.map((member: { chapter?: string; association?: string; external?: string }, index) => ({
        id: stableId(`${cluster.slug}:member:${index + 1}`),
        cluster_id: stableId(cluster.slug),
        position: index + 1,
        chapter_id: member.chapter ? stableId(member.chapter) : null,
        elderly_association_id: member.association ? stableId(member.association) : null,
        external_organisation_id: member.external ? stableId(member.external) : null,
      })),
    );
  }
  await loadClusterRoleDemoData(em);
  await loadClusterMeetingDemoData(em); // before the regulation, which points at the 2022 review
  await loadRegulationDemoData(em);
  await loadCycleDemoData(em); // the 2022 cycle, and the 2023 cluster row with its registrations
}
