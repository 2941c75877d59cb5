// The sending side, as Umbler Talk does it: used by `pnpm simulate` and the HTTP tests.
import http from 'node:http';
import https from 'node:https';

export interface DeliveryAnswer {
  status: number;
  body: { status?: string; eventId?: string | null; error?: string } | null;
}

export function webhookUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}/api/webhook/umbler?token=${encodeURIComponent(token)}`;
}

// Plain keep-alive HTTP rather than `fetch`: a sender that costs a fraction of a millisecond per
// delivery, so a benchmark's load generator does not take the CPU it is measuring.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

export async function deliver(
  url: string,
  body: string,
  options: { attempt?: number; contentType?: string } = {},
): Promise<DeliveryAnswer> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  const payload = Buffer.from(body);
  const send = (): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const request = client.request(
        target,
        {
          method: 'POST',
          agent: agents[target.protocol as keyof typeof agents],
          headers: {
            'content-type': options.contentType ?? 'application/json; charset=utf-8',
            'content-length': payload.length,
            'x-attempt': String(options.attempt ?? 1),
          },
          timeout: 30_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer from ${target.host} in 30 s`)));
      request.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive connection the server closed just as it was reused: the request never
        // reached it, so it is sent again on a new connection (as Node's documentation advises).
        if (request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
          send().then(resolve, reject);
        } else reject(error);
      });
      request.end(payload);
    });
  const { status, text } = await send();
  let parsed: DeliveryAnswer['body'] = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not ours (a proxy's error page, say): the status code alone tells the story.
  }
  return { status, body: parsed };
}

/** Runs `work` over `items` with at most `limit` in flight, starting them in order. */
export async function forEachBounded<T>(
  items: Iterable<T>,
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let index = 0;
  const lane = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await work(next.value, index++);
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
}
