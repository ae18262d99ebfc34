/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Kind of reporting period (kỳ báo cáo). */
export type PeriodType =
  /** A calendar year (năm). */
  | 'YEAR'
  /** A half-year (6 tháng): index 1 is January–June, 2 is July–December. */
  | 'HALF_YEAR'
  /** A quarter (quý), index 1–4. */
  | 'QUARTER'
  /** A month (tháng), index 1–12. */
  | 'MONTH';

/** A reporting period: its type, year, and its number within the year (not for YEAR). */
export type PeriodInput = {
  type: PeriodType;
  year: number;
  /** Half-year 1–2, quarter 1–4 or month 1–12; omitted for a YEAR. */
  index?: number | null | undefined;
};

/** Which map a unit belongs to: the 63 provinces with districts until 2025-06-30, or the 34 provinces from 2025-07-01. */
export type UnitEdition =
  /** Units in force until 30 June 2025 (tỉnh, huyện, xã). */
  | 'BEFORE_2025'
  /** Units in force from 1 July 2025, after the reform (tỉnh, xã; no district level). */
  | 'CURRENT';

/** Level of an administrative unit. */
export type UnitLevel =
  /** Province or centrally governed city (tỉnh, thành phố trực thuộc trung ương). */
  | 'PROVINCE'
  /** District, town or provincial city (huyện, quận, thị xã, thành phố thuộc tỉnh); abolished on 1 July 2025. */
  | 'DISTRICT'
  /** Commune, ward or township (xã, phường, thị trấn, đặc khu). */
  | 'COMMUNE';

export type ClusterWithMembersQueryVariables = Exact<{
  id: string | number;
}>;


export type ClusterWithMembersQuery = { emulationCluster: { name: string, year: number, members: { totalCount: number, edges: Array<{ node: { organisation:
            | { __typename: 'Chapter', name: string, unit: { name: string, successors: Array<{ name: string }> } | null }
            | { __typename: 'ElderlyAssociation', name: string }
            | { __typename: 'ExternalOrganisation', name: string }
           | null } }> } } | null };

export type FindPlacesQueryVariables = Exact<{
  search: string;
  first?: number | null | undefined;
}>;


export type FindPlacesQuery = { administrativeUnits: { totalCount: number, edges: Array<{ node: { id: string, name: string, level: UnitLevel, edition: UnitEdition, successors: Array<{ id: string, name: string }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type ReliefSummaryByProvinceQueryVariables = Exact<{
  chapterId: string | number;
  period: PeriodInput;
  unitEdition: UnitEdition;
}>;


export type ReliefSummaryByProvinceQuery = { reliefSummary: { rows: Array<{ activities: number, peopleReached: string, valueVnd: string, province: { id: string, name: string } | null }>, total: { activities: number, peopleReached: string, valueVnd: string } } | null };


export const ClusterWithMembersDocument = {"__meta__":{"hash":"2f7a5872b4e47b9087e2e7ad173a7bacd9d5a3611f615c7a90e16aae5cef35e5"}} as unknown as DocumentNode<ClusterWithMembersQuery, ClusterWithMembersQueryVariables>;
export const FindPlacesDocument = {"__meta__":{"hash":"20e7f8c9f3eef8b819971968c9a3c56b9cb9d6b5f1b615038eac8670a6d1ab58"}} as unknown as DocumentNode<FindPlacesQuery, FindPlacesQueryVariables>;
export const ReliefSummaryByProvinceDocument = {"__meta__":{"hash":"f2ec4ebc68951ee08132d540fb870a33e0b992157823ba7f92ac91ff6a12f083"}} as unknown as DocumentNode<ReliefSummaryByProvinceQuery, ReliefSummaryByProvinceQueryVariables>;