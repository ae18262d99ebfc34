import pino from 'pino';

/**
 * What a log line may say about an error. A database error carries the row or the statement with
 * its values (pg's `detail`, `where`, `parameters`; MikroORM copies them and, for some drivers,
 * the query into its message), and a row may be a person's birth date, ethnic group and poverty
 * status: of a database error only its kind, SQLSTATE and the names of the constraint, table and
 * column are kept, and the stack without its message. Any other error keeps pino's usual form.
 */
export function loggableError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const fields = error as Error & Record<string, unknown>;
  const sqlState = fields.sqlState ?? (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) ? fields.code : undefined);
  if (sqlState === undefined && !('detail' in fields) && !('where' in fields)) return pino.stdSerializers.err(error);
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return {
    type: error.name,
    sqlState,
    constraint: fields.constraint,
    table: fields.table,
    column: fields.column,
    stack: frames.join('\n'),
  };
}

/** Longest a buffered log line waits before it is written. */
export const LOG_FLUSH_MS = 500;

/**
 * Lines are buffered and written 4 KB at a time, or every LOG_FLUSH_MS, and at exit (pino flushes
 * an asynchronous destination then, also on a crash): a synchronous write per line, one for each
 * request's line at info, was a seventh of a subgraph's CPU for a lookup by id.
 */
function bufferedOutput(fd: 1 | 2): pino.DestinationStream {
  const stream = pino.destination({ dest: fd, sync: false, minLength: 4096 });
  setInterval(() => {
    try {
      stream.flush();
    } catch {
      // ended: the exit flush has written what there was
    }
  }, LOG_FLUSH_MS).unref();
  return stream;
}

/**
 * Where a test can read the log too: with HOI_LOG_FILE set, lines also go to that file (the test
 * run's global setup sets it, so a test can check what a failing write logged).
 */
function destination(level: pino.Level, fd: 1 | 2): pino.DestinationStream {
  const file = process.env.HOI_LOG_FILE;
  if (!file) return bufferedOutput(fd);
  return pino.multistream([
    { level, stream: bufferedOutput(fd) },
    { level, stream: pino.destination({ dest: file, append: true, sync: true }) },
  ]);
}

/** `fd` 2 keeps the JSON log on stderr, apart from what a script prints for people on stdout. */
export function createLogger(service: string, fd: 1 | 2 = 1) {
  const level = (process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info')) as pino.Level;
  return pino(
    {
      name: service,
      level,
      base: { service },
      serializers: { err: loggableError },
      // Never log credentials that ride on headers, nor a statement's parameters wherever they appear.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'params', 'formatted', '*.params', '*.detail', '*.where', '*.parameters'],
    },
    destination(level, fd),
  );
}
export type { Logger } from 'pino';
