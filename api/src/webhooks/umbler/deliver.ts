// The sending side, as Umbler Talk does it: used by `pnpm simulate` and the HTTP tests.

export interface DeliveryAnswer {
  status: number;
  body: { status?: string; eventId?: string | null; error?: string } | null;
}

export function webhookUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}/api/webhook/umbler?token=${encodeURIComponent(token)}`;
}

export async function deliver(
  url: string,
  body: string,
  options: { attempt?: number; contentType?: string } = {},
): Promise<DeliveryAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json; charset=utf-8',
      'x-attempt': String(options.attempt ?? 1),
    },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let parsed: DeliveryAnswer['body'] = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not ours (a proxy's error page, say): the status code alone tells the story.
  }
  return { status: response.status, body: parsed };
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
