/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ClusterWithMembers($id: ID!) {\n  emulationCluster(id: $id) {\n    name\n    year\n    members {\n      totalCount\n      edges {\n        node {\n          organisation {\n            __typename\n            ... on Chapter { name unit { name successors { name } } }\n            ... on ElderlyAssociation { name }\n            ... on ExternalOrganisation { name }\n          }\n        }\n      }\n    }\n  }\n}\n": typeof types.ClusterWithMembersDocument,
    "query FindPlaces($search: String!, $first: Int) {\n  administrativeUnits(search: $search, first: $first) {\n    totalCount\n    edges { node { id name level edition successors { id name } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}\n": typeof types.FindPlacesDocument,
    "query ReliefSummaryByProvince($chapterId: ID!, $period: PeriodInput!, $unitEdition: UnitEdition!) {\n  reliefSummary(chapterId: $chapterId, period: $period, groupBy: [PROVINCE], unitEdition: $unitEdition) {\n    rows { province { id name } activities peopleReached valueVnd }\n    total { activities peopleReached valueVnd }\n  }\n}\n": typeof types.ReliefSummaryByProvinceDocument,
};
const documents: Documents = {
    "query ClusterWithMembers($id: ID!) {\n  emulationCluster(id: $id) {\n    name\n    year\n    members {\n      totalCount\n      edges {\n        node {\n          organisation {\n            __typename\n            ... on Chapter { name unit { name successors { name } } }\n            ... on ElderlyAssociation { name }\n            ... on ExternalOrganisation { name }\n          }\n        }\n      }\n    }\n  }\n}\n": types.ClusterWithMembersDocument,
    "query FindPlaces($search: String!, $first: Int) {\n  administrativeUnits(search: $search, first: $first) {\n    totalCount\n    edges { node { id name level edition successors { id name } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}\n": types.FindPlacesDocument,
    "query ReliefSummaryByProvince($chapterId: ID!, $period: PeriodInput!, $unitEdition: UnitEdition!) {\n  reliefSummary(chapterId: $chapterId, period: $period, groupBy: [PROVINCE], unitEdition: $unitEdition) {\n    rows { province { id name } activities peopleReached valueVnd }\n    total { activities peopleReached valueVnd }\n  }\n}\n": types.ReliefSummaryByProvinceDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ClusterWithMembers($id: ID!) {\n  emulationCluster(id: $id) {\n    name\n    year\n    members {\n      totalCount\n      edges {\n        node {\n          organisation {\n            __typename\n            ... on Chapter { name unit { name successors { name } } }\n            ... on ElderlyAssociation { name }\n            ... on ExternalOrganisation { name }\n          }\n        }\n      }\n    }\n  }\n}\n"): (typeof documents)["query ClusterWithMembers($id: ID!) {\n  emulationCluster(id: $id) {\n    name\n    year\n    members {\n      totalCount\n      edges {\n        node {\n          organisation {\n            __typename\n            ... on Chapter { name unit { name successors { name } } }\n            ... on ElderlyAssociation { name }\n            ... on ExternalOrganisation { name }\n          }\n        }\n      }\n    }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FindPlaces($search: String!, $first: Int) {\n  administrativeUnits(search: $search, first: $first) {\n    totalCount\n    edges { node { id name level edition successors { id name } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}\n"): (typeof documents)["query FindPlaces($search: String!, $first: Int) {\n  administrativeUnits(search: $search, first: $first) {\n    totalCount\n    edges { node { id name level edition successors { id name } } }\n    pageInfo { hasNextPage endCursor }\n  }\n}\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ReliefSummaryByProvince($chapterId: ID!, $period: PeriodInput!, $unitEdition: UnitEdition!) {\n  reliefSummary(chapterId: $chapterId, period: $period, groupBy: [PROVINCE], unitEdition: $unitEdition) {\n    rows { province { id name } activities peopleReached valueVnd }\n    total { activities peopleReached valueVnd }\n  }\n}\n"): (typeof documents)["query ReliefSummaryByProvince($chapterId: ID!, $period: PeriodInput!, $unitEdition: UnitEdition!) {\n  reliefSummary(chapterId: $chapterId, period: $period, groupBy: [PROVINCE], unitEdition: $unitEdition) {\n    rows { province { id name } activities peopleReached valueVnd }\n    total { activities peopleReached valueVnd }\n  }\n}\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;