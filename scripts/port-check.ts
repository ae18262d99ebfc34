import { createServer } from 'node:net';

export interface WantedPort {
  port: number;
  /** What listens there, e.g. `the gateway`. */
  what: string;
  /** How to move it, e.g. `set HOI_EMBEDDED_PG_PORT to another port`. */
  move: string;
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * The ports `npm start` needs that something else holds, each said with what wanted it and how to
 * move it: a listener's EADDRINUSE (or embedded PostgreSQL's silent exit) would say neither.
 */
export async function portsTaken(wanted: WantedPort[], host = '127.0.0.1'): Promise<string | null> {
  const taken: WantedPort[] = [];
  for (const entry of wanted) if (!(await isFree(entry.port, host))) taken.push(entry);
  if (!taken.length) return null;
  return taken.map(({ port, what, move }) => `port ${port} (${what}) is taken: stop what uses it, or ${move}`).join('\n');
}
