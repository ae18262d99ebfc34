/** Documents past the abuse limits, for the tests of those limits and of their HTTP statuses. */

export const overDeep = `{ administrativeUnit(id: "CURRENT:01") { ${'parent { '.repeat(16)}id${' }'.repeat(16)} } }`;

// 15 pages of 100 units, each with 8 levels of parents and their successors and predecessors: 151,500 values.
const parents = Array.from({ length: 8 }).reduce<string>((inner) => `parent { id name code successors { id name code } predecessors { id name code } ${inner} }`, '');
export const overCostly = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: administrativeUnits(first: 100) { edges { node { id name ${parents} } } }`).join(' ')} }`;

export const overAliased = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: administrativeUnit(id: "CURRENT:01") { id }`).join(' ')} }`;

export const overLong = `{ ${'__typename '.repeat(5_000)}}`;
