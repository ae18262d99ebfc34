import type { LogContext, Logger as OrmLogger, LoggerNamespace } from '@mikro-orm/core';
import type { Logger } from 'pino';

/**
 * Counts the SQL statements and GraphQL operations each request costs, keyed by the request id the gateway propagates,
 * so tests and the benchmark can prove that a list costs the same number of statements for 2
 * items as for 50. Bounded: the oldest request ids are forgotten first.
 */
export class StatementCounter {
  private readonly counts = new Map<string, { statements: number; operations: number }>();
  constructor(private readonly capacity = 10_000) {}

  private entry(requestId: string) {
    const entry = this.counts.get(requestId) ?? { statements: 0, operations: 0 };
    this.counts.delete(requestId);
    this.counts.set(requestId, entry);
    if (this.counts.size > this.capacity) this.counts.delete(this.counts.keys().next().value!);
    return entry;
  }

  /** One SQL statement run for the request. */
  record(requestId: string): void {
    this.entry(requestId).statements++;
  }

  /** One GraphQL operation served for the request: a fetch the gateway made to this subgraph. */
  recordOperation(requestId: string): void {
    this.entry(requestId).operations++;
  }

  count(requestId: string): number {
    return this.counts.get(requestId)?.statements ?? 0;
  }

  operations(requestId: string): number {
    return this.counts.get(requestId)?.operations ?? 0;
  }
}

/** MikroORM logger that writes through pino and feeds the statement counter. */
export class StatementLogger implements OrmLogger {
  constructor(
    private readonly logger: Logger,
    private readonly counter: StatementCounter,
  ) {}

  log(namespace: LoggerNamespace | string, message: string, context?: LogContext): void {
    this.logger.debug({ namespace, ...context }, message);
  }

  error(namespace: LoggerNamespace | string, message: string, context?: LogContext): void {
    this.logger.error({ namespace, ...context }, message);
  }

  warn(namespace: LoggerNamespace | string, message: string, context?: LogContext): void {
    this.logger.warn({ namespace, ...context }, message);
  }

  logQuery(context: LogContext): void {
    if (typeof context.requestId === 'string') this.counter.record(context.requestId);
    if (this.logger.isLevelEnabled('trace')) {
      this.logger.trace({ requestId: context.requestId, took: context.took, sql: context.query }, 'sql');
    }
  }

  setDebugMode(): void {}

  /** Everything but `query-params`: a statement is logged with its placeholders, never its values (a person's row). */
  isEnabled(namespace: LoggerNamespace | string): boolean {
    return namespace !== 'query-params';
  }
}
