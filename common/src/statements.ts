import type { LogContext, Logger as OrmLogger, LoggerNamespace } from '@mikro-orm/core';
import type { Logger } from 'pino';

/**
 * Counts the SQL statements each request runs, keyed by the request id the gateway propagates,
 * so tests and the benchmark can prove that a list costs the same number of statements for 2
 * items as for 50. Bounded: the oldest request ids are forgotten first.
 */
export class StatementCounter {
  private readonly counts = new Map<string, number>();
  constructor(private readonly capacity = 10_000) {}

  record(requestId: string): void {
    const count = (this.counts.get(requestId) ?? 0) + 1;
    this.counts.delete(requestId);
    this.counts.set(requestId, count);
    if (this.counts.size > this.capacity) this.counts.delete(this.counts.keys().next().value!);
  }

  count(requestId: string): number {
    return this.counts.get(requestId) ?? 0;
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

  isEnabled(): boolean {
    return true;
  }
}
