import cluster, { type Worker } from 'node:cluster';
import { z } from 'zod';
import type { Logger } from './http/log.ts';

/** What a worker sends the primary once it accepts connections (and LISTENs for the other processes' writes). */
const ReadySchema = z.object({ type: z.literal('rekap-worker-ready'), port: z.number().int().nonnegative() });

export interface WorkerPoolOptions {
  count: number;
  /** The script each worker runs and its arguments: `rekap server start …` again (it sees it is a worker). */
  exec: string;
  args: string[];
  log: Logger;
  /** Wait before replacing a worker that died after start-up. */
  restartMs?: number;
  /** How long a worker may take to stop on SIGTERM before it is killed. */
  stopMs?: number;
}

export interface WorkerPool {
  /** The port every worker shares (the first worker's; with port 0 the others get the same one). */
  port: number;
  pids(): number[];
  close(): Promise<void>;
}

/** In a worker: tells the primary this process serves requests now. */
export function announceWorkerReady(port: number): void {
  process.send?.({ type: 'rekap-worker-ready', port } satisfies z.infer<typeof ReadySchema>);
}

/**
 * N server processes sharing one port through node:cluster (the primary accepts connections and
 * hands them to the workers in turn). Workers hold no state of their own — the storage is the
 * shared PostgreSQL — so a worker that dies is simply replaced. Start-up is all or nothing: if a
 * worker exits before it is ready, the others are stopped and this rejects.
 */
export async function startWorkerPool(options: WorkerPoolOptions): Promise<WorkerPool> {
  cluster.setupPrimary({ exec: options.exec, args: options.args });
  const workers = new Set<Worker>();
  let stopping = false;
  let started = false;

  const fork = () =>
    new Promise<number>((resolve, reject) => {
      const worker = cluster.fork();
      workers.add(worker);
      worker.on('message', (message: unknown) => {
        const ready = ReadySchema.safeParse(message);
        if (ready.success) resolve(ready.data.port);
      });
      worker.once('exit', (code, signal) => {
        workers.delete(worker);
        reject(new Error(`worker ${worker.process.pid ?? '?'} exited (${signal ?? code}) before it was ready`));
        if (stopping || !started) return;
        options.log({ level: 'error', msg: 'worker died; starting another', pid: worker.process.pid, code, signal });
        const timer = setTimeout(() => {
          if (!stopping) fork().catch((error: unknown) => options.log({ level: 'error', msg: 'worker restart failed', error: error instanceof Error ? error.message : String(error) }));
        }, options.restartMs ?? 1000);
        timer.unref();
      });
    });

  const stopAll = async () => {
    stopping = true;
    await Promise.all([...workers].map((w) => stopWorker(w, options.stopMs ?? 10_000)));
  };

  let ports: number[];
  try {
    // One at a time: the first binds the port (port 0 picks one), the next ones share it.
    ports = [];
    for (let i = 0; i < options.count; i++) ports.push(await fork());
  } catch (error) {
    await stopAll();
    throw error;
  }
  started = true;
  return {
    port: ports[0]!,
    pids: () => [...workers].map((w) => w.process.pid ?? 0),
    close: stopAll,
  };
}

function stopWorker(worker: Worker, stopMs: number): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => worker.process.kill('SIGKILL'), stopMs);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    worker.process.kill('SIGTERM');
  });
}
