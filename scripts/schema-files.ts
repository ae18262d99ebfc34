/** The files of `schema/` composed from the subgraphs; every other `*.graphql` there is one subgraph's SDL. */
export const COMPOSED_FILES = ['supergraph.graphql', 'api.graphql'];

/** The folder of `schema/` where compose writes what a partner may query on each subgraph (`<subgraph>.graphql`). */
export const PARTNER_DIR = 'partners';
