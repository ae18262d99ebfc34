import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import { insertMissing } from '@hoi/common/orm';
import { REVIEW_2022 } from '../meeting/cluster-meeting.demo.ts';
import { RED_CROSS_CLUSTER_2022 } from '../role/cluster-role.demo.ts';

/**
 * 000_7ed1823ee0424dde.txt: the review conference of the Red Cross cluster of 7 provinces for 2022
 * "biểu quyết thông qua quy chế hoạt của Cụm" (sic, for "quy chế hoạt động"). The article gives
 * neither the vote counts nor the day: the counts are null (adopted, counts unknown), and so is
 * the day, as the conference's is. Load after the meetings: it points at the conference.
 */
export async function loadRegulationDemoData(em: EntityManager): Promise<void> {
  await insertMissing(em, 'emulation.regulation', [
    {
      id: stableId(`${RED_CROSS_CLUSTER_2022}:regulation:1`),
      cluster_id: stableId(RED_CROSS_CLUSTER_2022),
      title: 'Quy chế hoạt động của Cụm thi đua'.normalize('NFC'),
      status: 'ADOPTED',
      votes_for: null,
      votes_against: null,
      votes_abstaining: null,
      voted_on: null,
      meeting_id: stableId(REVIEW_2022),
    },
  ]);
}
