/** Page sizes of every connection: apart from pagination.ts so the gateway's cost check needs no type-graphql. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
