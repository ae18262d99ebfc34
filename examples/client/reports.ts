import type { Execute } from './client.ts';
import { ClusterWithMembersDocument, ReliefSummaryByProvinceDocument, type UnitEdition } from './generated/graphql.ts';

/**
 * What a frontend would build on the generated documents: every name and type below comes from
 * `operations/` through codegen, so a change to the schema or to an operation that breaks this
 * code fails `npm test`'s type-check.
 */

export interface ProvinceRelief {
  province: string;
  activities: number;
  /** Totals travel as strings of digits (WholeNumber, VndTotal): read them as BigInt. */
  peopleReached: bigint;
  valueVnd: bigint;
}

/** A Red Cross chapter's relief over a year, province by province on the map asked for, largest value first. */
export async function reliefByProvince(execute: Execute, chapterId: string, year: number, unitEdition: UnitEdition): Promise<ProvinceRelief[]> {
  const { reliefSummary } = await execute(ReliefSummaryByProvinceDocument, { chapterId, period: { type: 'YEAR', year }, unitEdition });
  return (reliefSummary?.rows ?? [])
    .map((row) => ({ province: row.province?.name ?? '(no province)', activities: row.activities, peopleReached: BigInt(row.peopleReached), valueVnd: BigInt(row.valueVnd) }))
    .sort((a, b) => (a.valueVnd === b.valueVnd ? a.province.localeCompare(b.province, 'vi') : a.valueVnd > b.valueVnd ? -1 : 1));
}

/** A member of a cluster: its name and kind; a Red Cross chapter with the unit it serves. */
export interface ClusterMember {
  kind: 'Chapter' | 'ElderlyAssociation' | 'ExternalOrganisation';
  name: string;
  unit?: string;
}

export interface ClusterMembers {
  name: string;
  year: number;
  members: ClusterMember[];
}

/** An emulation cluster (cụm thi đua) and its members, whatever kind of organisation each is. */
export async function clusterMembers(execute: Execute, id: string): Promise<ClusterMembers | null> {
  const { emulationCluster } = await execute(ClusterWithMembersDocument, { id });
  if (!emulationCluster) return null;
  const members = emulationCluster.members.edges.flatMap(({ node: { organisation } }): ClusterMember[] => {
    if (!organisation) return [];
    // The union is narrowed by __typename: only a Chapter has a unit.
    if (organisation.__typename === 'Chapter') return [{ kind: organisation.__typename, name: organisation.name, unit: organisation.unit?.name }];
    return [{ kind: organisation.__typename, name: organisation.name }];
  });
  return { name: emulationCluster.name, year: emulationCluster.year, members };
}
