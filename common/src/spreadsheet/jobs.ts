import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../orm.ts';


/** An HTTP answer kept for later: the status and the JSON body a synchronous import gives. */
export interface ImportAnswer {
  status: number;
  body: unknown;
}

export interface ImportJob {
  id: string;
  kind: string;
  state: 'running' | 'done' | 'failed';
  requestedBy: string;
  requestId: string;
  status: number | null;
  answer: unknown;
  createdAt: string;
  heartbeatAt: string;
  finishedAt: string | null;
}

/** How often a running job says it is alive, and after how long without a word it is taken for dead (its process stopped). */
export const HEARTBEAT_MS = Number(process.env.HOI_IMPORT_HEARTBEAT_MS ?? 5_000);
export const STALE_MS = Number(process.env.HOI_IMPORT_STALE_MS ?? 60_000);
/**
 * Asynchronous imports one process runs at once (HOI_IMPORT_JOBS), and how many more it keeps
 * waiting (HOI_IMPORT_JOBS_WAITING): each running import holds a pool connection for its whole
 * transaction, each waiting one its file on disk; past both, an upload is refused (IMPORTS_BUSY).
 */
const RUNNING = Number(process.env.HOI_IMPORT_JOBS ?? 2);
const WAITING = Number(process.env.HOI_IMPORT_JOBS_WAITING ?? 16);
/** How long a finished job's answer stays readable (HOI_IMPORT_JOBS_KEEP_DAYS); older ones go when a new job is created. */
const KEEP_DAYS = Number(process.env.HOI_IMPORT_JOBS_KEEP_DAYS ?? 7);

/** The answer of a job whose process stopped before it finished: its one transaction never committed, so nothing of it was written. */
export const interruptedAnswer = (requestId: string): ImportAnswer => ({
  status: 503,
  body: {
    errors: [
      {
        message: 'Việc nhập tệp bị gián đoạn (dịch vụ đã khởi động lại); chưa có dòng nào được ghi, hãy gửi lại tệp',
        extensions: { code: 'IMPORT_INTERRUPTED', requestId },
      },
    ],
  },
});

/**
 * Asynchronous imports in a subgraph's own schema (`<schema>.spreadsheet_job`): created when the
 * upload is on disk, a heartbeat while it runs, the synchronous import's answer when it ends. A
 * job whose heartbeat stopped (its process was stopped or restarted) is marked failed with
 * IMPORT_INTERRUPTED the next time it is read: it is not resumed, since the file went with the
 * process and its transaction was rolled back.
 */
export class ImportJobs {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly dbSchema: string) {}

  /** Whether another job would wait past the limit: refuse the upload before reading it. */
  get full(): boolean {
    return this.running >= RUNNING && this.waiting.length >= WAITING;
  }

  async create(em: EntityManager, job: { kind: string; requestedBy: string; requestId: string }): Promise<string> {
    const id = randomUUID();
    await sql(em, `delete from ${this.dbSchema}.spreadsheet_job where finished_at < now() - make_interval(days => ?)`, [KEEP_DAYS]);
    await sql(em, `insert into ${this.dbSchema}.spreadsheet_job (id, kind, requested_by, request_id) values (?, ?, ?, ?)`, [id, job.kind, job.requestedBy, job.requestId]);
    return id;
  }

  /** Runs `work` to its answer, beating while it runs, and keeps the answer; never throws. */
  async run(em: EntityManager, id: string, requestId: string, work: () => Promise<ImportAnswer>, onError: (error: unknown) => void): Promise<void> {
    const beat = setInterval(() => {
      sql(em, `update ${this.dbSchema}.spreadsheet_job set heartbeat_at = now() where id = ? and state = 'running'`, [id]).catch(onError);
    }, HEARTBEAT_MS);
    beat.unref();
    let answer: ImportAnswer;
    try {
      // Waiting for a turn counts as running: the heartbeat says the job is alive. A job that
      // ends hands its turn to the next waiting one.
      if (this.running >= RUNNING) await new Promise<void>((resolve) => this.waiting.push(resolve));
      else this.running++;
      try {
        answer = await work();
      } finally {
        const next = this.waiting.shift();
        if (next) next();
        else this.running--;
      }
    } catch (error) {
      onError(error);
      answer = { status: 500, body: { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] } };
    } finally {
      clearInterval(beat);
    }
    await sql(
      em,
      `update ${this.dbSchema}.spreadsheet_job set state = ?, status = ?, answer = ?::jsonb, finished_at = now(), heartbeat_at = now() where id = ? and state = 'running'`,
      [answer.status >= 500 ? 'failed' : 'done', answer.status, JSON.stringify(answer.body), id],
    ).catch(onError);
  }

  /** The job, a running one whose heartbeat is older than STALE_MS marked failed first. */
  async read(em: EntityManager, kind: string, id: string): Promise<ImportJob | null> {
    const select = `select id, kind, state, requested_by as "requestedBy", request_id as "requestId", status, answer,
        created_at as "createdAt", heartbeat_at as "heartbeatAt", finished_at as "finishedAt"
      from ${this.dbSchema}.spreadsheet_job where id = ? and kind = ?`;
    const [job] = await sql<ImportJob>(em, select, [id, kind]);
    if (!job || job.state !== 'running' || Date.now() - new Date(job.heartbeatAt).getTime() < STALE_MS) return job ?? null;
    const answer = interruptedAnswer(job.requestId);
    await sql(
      em,
      `update ${this.dbSchema}.spreadsheet_job set state = 'failed', status = ?, answer = ?::jsonb, finished_at = now()
        where id = ? and state = 'running' and heartbeat_at < now() - make_interval(secs => ?)`,
      [answer.status, JSON.stringify(answer.body), id, STALE_MS / 1000],
    );
    return (await sql<ImportJob>(em, select, [id, kind]))[0] ?? null;
  }
}

/** The table of asynchronous imports in a subgraph's own schema (its migration calls this). */
export function spreadsheetJobDdl(schema: string): string[] {
  return [
    `create table ${schema}.spreadsheet_job (
       id uuid primary key,
       kind text not null,
       state text not null default 'running' check (state in ('running', 'done', 'failed')),
       requested_by text not null,
       request_id text not null,
       status integer,
       answer jsonb,
       created_at timestamptz not null default now(),
       heartbeat_at timestamptz not null default now(),
       finished_at timestamptz)`,
  ];
}
