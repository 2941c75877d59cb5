// The inbox processor's thread (see `processor-thread.ts`): its own connections, the same loop.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/client.js';
import { createLogger } from '../logger.js';
import type { PubSub } from '../pubsub.js';
import { createInboxProcessor } from './processor.js';
import type { FromThread, ThreadData, ToThread } from './processor-thread.js';

const port = parentPort;
if (!port) throw new Error('processor-thread-entry runs as a worker thread');
const { config } = workerData as ThreadData;
const tell = (message: FromThread) => port.postMessage(message);

const logger = createLogger(config.logLevel).child({ thread: 'inbox' });
const db = await openDatabase({ url: config.databaseUrl, maxConnections: 2 });
/** Publishing only: what the batch changed goes to the process's pub/sub. */
const pubsub: PubSub = {
  publish: (topic, payload) => tell({ kind: 'publish', local: false, topic, payload }),
  publishLocal: (topic, payload) => tell({ kind: 'publish', local: true, topic, payload }),
  subscribe() {
    throw new Error('the inbox processor thread does not subscribe');
  },
  close: async () => {},
};
const processor = createInboxProcessor({ config, db, logger, pubsub }, (done) =>
  tell({ kind: 'batch', ...done }),
);

port.on('message', async (message: ToThread) => {
  switch (message.kind) {
    case 'wake':
      processor.wake();
      break;
    case 'idle':
      await processor.idle();
      tell({ kind: 'idle', id: message.id });
      break;
    case 'stop':
      await processor.stop();
      await db.close().catch(() => {});
      tell({ kind: 'stopped' });
      port.close();
      break;
  }
});
processor.start();
tell({ kind: 'ready' });
