/** The files of `schema/` composed from the subgraphs; every other `*.graphql` there is one subgraph's SDL. */
export const COMPOSED_FILES = ['supergraph.graphql', 'api.graphql'];
