/** The default local ports, apart from the subgraphs' code so `npm start` can check them before loading it. */
export const SUBGRAPH_PORTS: Record<string, number> = { places: 4001, 'red-cross': 4002, elderly: 4003, emulation: 4004 };

export const GATEWAY_PORT = 4000;
