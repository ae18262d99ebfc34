import autocannon from 'autocannon';

export interface Target {
  /** floor, subgraph, gateway, hive */
  kind: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Whether a response body is a success (a GraphQL answer without errors, the floor's rows). */
  ok: (status: number, body: string) => boolean;
}

export interface Round {
  rps: number;
  p50: number;
  p99: number;
  responses: number;
  failures: number;
  seconds: number;
}

export interface LoadPlan {
  connections: number;
  /** Seconds per round, for fast requests… */
  duration: number;
  /** …or a number of requests per round, for slow ones. */
  amount?: number;
  timeoutSeconds: number;
}

/** One autocannon run at fixed connections; successes are counted from the bodies. */
export async function runRound(target: Target, plan: LoadPlan): Promise<Round> {
  let responses = 0;
  let failures = 0;
  let firstSent = 0;
  let lastAnswered = 0;
  const result = await autocannon({
    url: target.url,
    connections: plan.connections,
    pipelining: 1,
    timeout: plan.timeoutSeconds,
    ...(plan.amount ? { amount: plan.amount } : { duration: plan.duration }),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...target.headers },
        body: target.body,
        setupRequest: (request) => {
          firstSent ||= performance.now();
          return request;
        },
        onResponse: (status, body) => {
          lastAnswered = performance.now();
          responses++;
          if (!target.ok(status, body)) failures++;
        },
      },
    ],
  });
  // From the first request sent to the last answer: autocannon's own duration notices the end of
  // an `amount` run only on its one-second tick.
  const seconds = Math.max(0.001, (lastAnswered - firstSent) / 1000);
  return {
    rps: responses / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    responses,
    failures: failures + result.errors + result.timeouts,
    seconds,
  };
}

export const graphqlOk = (status: number, body: string) => status === 200 && !body.includes('"errors"') && body.includes('"data"');
export const floorOk = (status: number, body: string) => status === 200 && body.startsWith('[');

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
