import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import type { SyncResult } from '../../survey-forms/src';

/** Small request helpers the API tests share, so each file does not write its own. */

/** The Authorization header for a bearer token. */
export const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** A sync reply's per-response outcomes as `status` or `status:code`, easy to compare in order. */
export const syncStatuses = (results: SyncResult[]) => results.map((r) => (r.code ? `${r.status}:${r.code}` : r.status));

export interface HeldReply {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A POST /api/sync over real HTTP on 127.0.0.1 that sends its headers and the first half of its
 * body, then waits: the server has admitted it (sync admission counts it in flight) and waits
 * for the rest, so a test holds a slot without racing a timer. `finish` sends the rest.
 */
export function holdOpenSync(port: number, token: string, payload: unknown): { req: ClientRequest; reply: Promise<HeldReply>; finish(): void } {
  const body = Buffer.from(JSON.stringify(payload));
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/sync',
    agent: false,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': body.length },
  });
  const reply = new Promise<HeldReply>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  req.flushHeaders();
  req.write(body.subarray(0, half));
  return { req, reply, finish: () => req.end(body.subarray(half)) };
}
