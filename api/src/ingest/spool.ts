import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { NewInboxEvent } from './inbox.js';

/**
 * A local append-only file for deliveries the database cannot take in time (an outage, or
 * PGlite's one connection busy with a batch). Each body is written and fsynced before its
 * delivery is answered, so a kill -9 loses nothing answered 2xx. Bodies go to numbered
 * segments: appends go to the newest; a segment is closed when it is to be moved into the
 * inbox, read in order, and deleted once all of it is committed there. Whatever a crash leaves
 * is moved again at the next start (moving skips what is already stored).
 *
 * Each process writes its own folder under `root` (several instances may share a data folder);
 * the folders of processes that are gone (a kill -9) are taken over and moved first.
 */
export interface Spool {
  /** Durable once this resolves. */
  append(event: NewInboxEvent): Promise<void>;
  /** Bodies appended and not yet moved into the inbox. */
  readonly size: number;
  /** Closes the segment being written (if it has bodies) and lists the closed ones, oldest first (paths). */
  closedSegments(): Promise<string[]>;
  /** A closed segment's bodies, in order, `batch` at a time. */
  read(segment: string, batch: number): AsyncGenerator<NewInboxEvent[]>;
  /** All of a closed segment is in the inbox: forget it. */
  moved(segment: string, bodies: number): Promise<void>;
  close(): Promise<void>;
}

interface Waiting {
  line: string;
  settle(error?: Error): void;
}

const SEGMENT = /^inbox-(\d{12})\.jsonl$/;

export async function openSpool(root: string): Promise<Spool> {
  const dir = path.join(root, `${process.pid}-${randomUUID().slice(0, 8)}`);
  await fs.promises.mkdir(dir, { recursive: true });
  await fs.promises.writeFile(path.join(dir, 'owner'), String(process.pid));
  let next = 1;
  // Left by processes that are gone: counted until moved.
  let size = 0;
  for (const segment of await orphanSegments(root)) size += await countLines(segment);

  let current: { name: string; handle: fs.promises.FileHandle; bodies: number } | null = null;
  let queue: Waiting[] = [];
  /** Appends and segment changes take turns. */
  let turn: Promise<void> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work);
    turn = result.then(
      () => {},
      () => {},
    );
    return result;
  };

  const segmentName = (n: number) => `inbox-${String(n).padStart(12, '0')}.jsonl`;

  async function writeQueued() {
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    try {
      if (!current) {
        const name = segmentName(next++);
        current = { name, handle: await fs.promises.open(path.join(dir, name), 'a'), bodies: 0 };
      }
      await current.handle.write(batch.map((waiting) => waiting.line).join(''));
      await current.handle.datasync();
      current.bodies += batch.length;
      size += batch.length;
      for (const waiting of batch) waiting.settle();
    } catch (error) {
      for (const waiting of batch) waiting.settle(error as Error);
    }
  }

  return {
    append(event) {
      return new Promise<void>((resolve, reject) => {
        const receivedAt = (event.receivedAt ?? new Date()).toISOString();
        queue.push({
          line: `${JSON.stringify({ ...event, receivedAt })}\n`,
          settle: (error) => (error ? reject(error) : resolve()),
        });
        // Bodies that arrive while one write is being synced go together in the next (group fsync).
        if (queue.length === 1) void inTurn(writeQueued);
      });
    },
    get size() {
      return size;
    },
    closedSegments() {
      return inTurn(async () => {
        if (current) {
          await current.handle.close();
          current = null;
        }
        const own = (await fs.promises.readdir(dir))
          .filter((name) => SEGMENT.test(name))
          .sort()
          .map((name) => path.join(dir, name));
        return [...(await orphanSegments(root)), ...own];
      });
    },
    async *read(segment, batch) {
      const lines = readline.createInterface({
        input: fs.createReadStream(segment, 'utf8'),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      let events: NewInboxEvent[] = [];
      for await (const line of lines) {
        // A line cut short by a crash was never fsynced, so never answered: nothing to move.
        const event = parseLine(line);
        if (!event) continue;
        events.push(event);
        if (events.length >= batch) {
          yield events;
          events = [];
        }
      }
      if (events.length > 0) yield events;
    },
    async moved(segment, bodies) {
      await fs.promises.rm(segment, { force: true });
      size = Math.max(0, size - bodies);
      const folder = path.dirname(segment);
      if (folder !== dir) {
        const left = (await fs.promises.readdir(folder)).filter((name) => SEGMENT.test(name));
        if (left.length === 0) await fs.promises.rm(folder, { recursive: true, force: true });
      }
    },
    close() {
      return inTurn(async () => {
        await current?.handle.close();
        current = null;
        // Nothing left to move: the folder goes; otherwise the next start takes it over.
        const left = (await fs.promises.readdir(dir)).filter((name) => SEGMENT.test(name));
        if (left.length === 0) await fs.promises.rm(dir, { recursive: true, force: true });
      });
    },
  };
}

/** Segments in the folders of processes that no longer run, oldest folder and segment first. */
async function orphanSegments(root: string): Promise<string[]> {
  const segments: string[] = [];
  const folders = await fs.promises.readdir(root, { withFileTypes: true }).catch(() => []);
  for (const folder of folders.filter((entry) => entry.isDirectory()).sort(byName)) {
    const full = path.join(root, folder.name);
    const owner = Number(await fs.promises.readFile(path.join(full, 'owner'), 'utf8').catch(() => '0'));
    if (owner > 0 && alive(owner)) continue;
    const names = (await fs.promises.readdir(full)).filter((name) => SEGMENT.test(name)).sort();
    segments.push(...names.map((name) => path.join(full, name)));
  }
  return segments;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseLine(line: string): NewInboxEvent | null {
  if (line.trim() === '') return null;
  try {
    const value = JSON.parse(line) as NewInboxEvent & { receivedAt: string };
    return { ...value, receivedAt: new Date(value.receivedAt) };
  } catch {
    return null;
  }
}

async function countLines(file: string): Promise<number> {
  let count = 0;
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8') });
  for await (const line of lines) if (parseLine(line)) count++;
  return count;
}
