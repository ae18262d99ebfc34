import pino from 'pino';

export function createLogger(service: string) {
  return pino({
    name: service,
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
    base: { service },
    // Never log credentials that ride on headers.
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  });
}
export type { Logger } from 'pino';
