import { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { PubSub, Topics } from '../pubsub.js';
import type { BatchDone, InboxProcessor } from './processor.js';

/** What the processor's thread is told. */
export type ToThread = { kind: 'wake' } | { kind: 'idle'; id: number } | { kind: 'stop' };

/** What the processor's thread tells. */
export type FromThread =
  | { kind: 'publish'; local: boolean; topic: keyof Topics; payload: Topics[keyof Topics] }
  | ({ kind: 'batch' } & BatchDone)
  | { kind: 'idle'; id: number }
  | { kind: 'ready' }
  | { kind: 'stopped' };

/** What the thread is started with: a PostgreSQL URL (PGlite lives in the process's own thread). */
export interface ThreadData {
  config: Config & { databaseUrl: string };
}

const RESTART_MS = 1_000;

/**
 * The inbox processor in a thread of its own (PostgreSQL only), with its own connections: the
 * receiver's event loop then answers deliveries without waiting behind a batch's parsing and
 * derivation. What a batch publishes is relayed to this process's pub/sub, so subscribers (and
 * Redis, between instances) see exactly what the in-process processor would have published.
 * A thread that dies is started again; its batch in flight rolls back and is taken again.
 */
export function createThreadProcessor(deps: {
  config: Config & { databaseUrl: string };
  pubsub: PubSub;
  logger: Logger;
  onBatch?: (done: BatchDone) => void;
}): InboxProcessor {
  const { pubsub, logger } = deps;
  let worker: Worker | null = null;
  /** The thread has started its loop: before that it holds no batch, and stopping ends it at once. */
  let ready = false;
  let running = false;
  let stopped: (() => void) | null = null;
  let wakeQueued = false;
  let nextId = 0;
  const idleWaiters = new Map<number, () => void>();

  const settleAll = () => {
    for (const resolve of idleWaiters.values()) resolve();
    idleWaiters.clear();
  };

  function spawn() {
    const thread = startWorker({ config: deps.config } satisfies ThreadData);
    worker = thread;
    ready = false;
    thread.on('message', (message: FromThread) => {
      switch (message.kind) {
        case 'publish':
          if (message.local) pubsub.publishLocal(message.topic, message.payload as never);
          else pubsub.publish(message.topic, message.payload as never);
          break;
        case 'batch':
          deps.onBatch?.(message);
          break;
        case 'idle':
          idleWaiters.get(message.id)?.();
          idleWaiters.delete(message.id);
          break;
        case 'ready':
          ready = true;
          break;
        case 'stopped':
          stopped?.();
          break;
      }
    });
    thread.on('error', (error) => logger.error({ err: error }, 'inbox processor thread failed'));
    thread.on('exit', (code) => {
      if (worker === thread) worker = null;
      if (!running) return;
      logger.error({ code }, 'inbox processor thread exited; starting it again');
      setTimeout(() => {
        if (!running || worker) return;
        spawn();
        // Whoever waits for idle asks the new thread.
        for (const id of idleWaiters.keys()) send({ kind: 'idle', id });
      }, RESTART_MS).unref();
    });
  }

  const send = (message: ToThread) => worker?.postMessage(message);

  return {
    start() {
      if (running) return;
      running = true;
      spawn();
    },
    async stop() {
      running = false;
      const thread = worker;
      if (!thread) return settleAll();
      if (ready)
        await new Promise<void>((resolve) => {
          stopped = resolve;
          thread.once('exit', () => resolve());
          send({ kind: 'stop' });
        });
      stopped = null;
      await thread.terminate();
      settleAll();
    },
    wake() {
      // Deliveries arrive by the hundred a second: one message to the thread per turn of the loop.
      if (wakeQueued) return;
      wakeQueued = true;
      setImmediate(() => {
        wakeQueued = false;
        send({ kind: 'wake' });
      });
    },
    idle() {
      if (!running) return Promise.resolve();
      const id = nextId++;
      return new Promise((resolve) => {
        idleWaiters.set(id, resolve);
        send({ kind: 'idle', id });
      });
    },
  };
}

/** The thread's entry, compiled (`dist/`) or, under tsx (`pnpm dev`, the tests), from source. */
function startWorker(workerData: ThreadData): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./processor-thread-entry.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData });
  // A worker does not inherit tsx's loader: it registers it before importing the entry.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
