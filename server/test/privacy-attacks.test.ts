import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import type { Response } from '../../survey-forms/src';
import { loggerOptions } from '../log-redaction';
import { hashCode, normalizeCode } from '../services/invitation-codes';
import { readInvitationPepper } from '../services/secrets';
import { mulberry32 } from '../stats/prng';
import { createFixtureCampaign, type FixtureCampaign, makeResponse } from './fixtures';
import { buildTestApp, type TestApp } from './harness';
import { inspectableTestDatabase, kendallTau, narrows, ranks, rawTuples } from './privacy-inspect';

/**
 * docs/PRIVACY.md, tried as the operator would: a full copy of the database (every page, dead
 * tuples included), the server's log and the printed codes, against 24 responses sent with
 * invitation codes from 24 addresses, mixed in two batches. Each attack is first shown to
 * work on ballots still held, then must fail once they are mixed.
 */
interface Sent {
  code: string;
  invitationId: string;
  cell: string;
  address: string;
  make: () => Response;
  /** Made when sent, so its device times follow arrival, as on a real phone. */
  response: Response;
}

describe('anonymity against whoever holds the database and the logs', () => {
  let t: TestApp;
  let f: FixtureCampaign;
  let admin: { authorization: string };
  const log: string[] = [];
  const sent: Sent[] = [];
  const cells = new Map<string, Set<string>>();
  /** While respondents were sending. */
  const window = { from: new Date(0), to: new Date(0) };
  const random = mulberry32(20261202);
  const q = <T>(text: ReturnType<typeof sql>) => queryRows<T>(t.database.db, text);

  const send = async (s: Sent) => {
    s.response = s.make();
    expect((await t.app.inject({ method: 'GET', url: `/api/invitations/${s.code}`, remoteAddress: s.address })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: '/api/sync', headers: { 'x-invitation-code': s.code }, payload: { responses: [s.response] }, remoteAddress: s.address });
    expect(res.json().results).toEqual([{ id: s.response.id, status: 'accepted' }]);
  };

  beforeAll(async () => {
    const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (log.push(chunk.toString('utf8')), done()) });
    t = await buildTestApp(await inspectableTestDatabase(), { logger: loggerOptions('info', stream), mix: { batch: 1000, intervalMs: null, random } });
    f = await createFixtureCampaign(t.database.db);
    admin = { authorization: `Bearer ${(await t.tokenFor('admin')).token}` };
    const agencies = ['SO-NV', 'SO-TC', 'SO-TP'].map((c) => f.unitIds[c] as string);
    const pepper = await readInvitationPepper(t.database.db);
    const issue = async (cell: string, body: object, make: () => Response) => {
      const res = await t.app.inject({ method: 'POST', url: `/api/campaigns/${f.campaignId}/invitations`, headers: admin, payload: body });
      for (const code of res.json().codes as string[]) {
        const [row] = await q<{ id: string }>(sql`SELECT id::text FROM invitations WHERE code_hash = ${hashCode(normalizeCode(code) ?? '', pepper)}`);
        sent.push({ code, invitationId: row?.id ?? '', cell, address: `10.1.${sent.length}.${7 + sent.length}`, make, response: make() });
      }
    };
    await issue('NV', { group: 'cong_chuc', unitId: agencies[0], count: 10 }, () => makeResponse(f.own, f.campaignId, [agencies[0] as string], 'ABCD'[Math.floor(random() * 4)]));
    await issue('TC', { group: 'cong_chuc', unitId: agencies[1], count: 6 }, () => makeResponse(f.own, f.campaignId, [agencies[1] as string], 'ABCD'[Math.floor(random() * 4)]));
    await issue('HDND', { group: 'dai_bieu_hdnd', count: 8 }, () => makeResponse(f.cross, f.campaignId, agencies, 'ABCD'[Math.floor(random() * 4)]));
    for (const s of sent) cells.set(s.cell, (cells.get(s.cell) ?? new Set()).add(s.invitationId));
    // Respondents arrive in an order unrelated to the order their codes were printed in.
    for (let i = sent.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [sent[i], sent[j]] = [sent[j] as Sent, sent[i] as Sent];
    }
  });
  afterAll(() => t.close());

  /** Invitation id → every transaction id on its tuples; the same for each response's tuples. */
  const xidsOf = async (tables: string[]) => {
    const out = new Map<string, Set<string>>();
    for (const table of tables) {
      for (const tuple of await rawTuples(t.database.db, table)) {
        if (!tuple.key) continue;
        const set = out.get(tuple.key) ?? new Set<string>();
        for (const xid of [tuple.xmin, tuple.xmax]) if (xid !== '0') set.add(xid);
        out.set(tuple.key, set);
      }
    }
    return out;
  };

  /** Attack: the same transaction id on an invitation's tuples and on a response's (live or dead). */
  const sharedTransactionLinks = async (batch: Sent[], responseTables: string[]) => {
    const invitationXids = await xidsOf(['invitations', 'spent_invitations']);
    const responseXids = await xidsOf(responseTables);
    return batch.map((s) => {
      const mine = responseXids.get(s.response.id) ?? new Set();
      const candidates = new Set([...invitationXids].filter(([, xids]) => [...xids].some((x) => mine.has(x))).map(([id]) => id));
      return { s, candidates, exact: candidates.size === 1 && candidates.has(s.invitationId), narrows: narrows(candidates, cells.get(s.cell) ?? new Set()) };
    });
  };

  /** Attack: pair a physical or id order of responses with one of invitations; |tau| near 1 links them. */
  const orderLinks = async (batch: Sent[], responseTable: 'held_ballots' | 'responses') => {
    const responseOrders: Record<string, Map<string, number>> = {};
    const tuples = (await rawTuples(t.database.db, responseTable)).filter((x) => x.key && batch.some((s) => s.response.id === x.key));
    responseOrders[`${responseTable} ctid`] = ranks(tuples, (x) => x.key ?? '', (x) => x.position);
    responseOrders[`${responseTable} xmin`] = ranks(tuples, (x) => x.key ?? '', (x) => Number(x.xmin));
    responseOrders['response id'] = ranks(batch, (s) => s.response.id, (s) => s.response.id);
    responseOrders['completed at'] = ranks(batch, (s) => s.response.id, (s) => s.response.completedAt);
    if (responseTable === 'responses') {
      const rows = await q<{ id: string; at: string }>(sql`SELECT id::text, received_at::text AS at FROM responses WHERE submitted_by IS NULL`);
      const at = new Map(rows.map((r) => [r.id, r.at]));
      responseOrders['received at'] = ranks(batch, (s) => s.response.id, (s) => `${at.get(s.response.id)}`);
    }
    const invitationOrders: Record<string, Map<string, number>> = {};
    for (const table of ['invitations', 'spent_invitations']) {
      const rows = (await rawTuples(t.database.db, table)).filter((x) => x.key && batch.some((s) => s.invitationId === x.key) && x.xmax === '0');
      invitationOrders[`${table} ctid`] = ranks(rows, (x) => x.key ?? '', (x) => x.position);
      invitationOrders[`${table} xmin`] = ranks(rows, (x) => x.key ?? '', (x) => Number(x.xmin));
    }
    invitationOrders['invitation id'] = ranks(batch, (s) => s.invitationId, (s) => s.invitationId);
    const out: { pair: string; tau: number }[] = [];
    for (const [rName, r] of Object.entries(responseOrders)) {
      for (const [iName, i] of Object.entries(invitationOrders)) {
        const tau = kendallTau(batch.map((s) => r.get(s.response.id) ?? -1), batch.map((s) => i.get(s.invitationId) ?? -1));
        out.push({ pair: `${rName} ~ ${iName}`, tau });
      }
    }
    return out;
  };

  it('ties held ballots to their codes (the attacks work), then nothing once they are mixed', async () => {
    const first = sent.slice(0, 12);
    window.from = new Date();
    for (const s of first) await send(s);
    // While held, the ballot and the spent code share a transaction and an arrival order.
    expect((await sharedTransactionLinks(first, ['held_ballots'])).filter((l) => l.exact)).toHaveLength(12);
    expect(Math.max(...(await orderLinks(first, 'held_ballots')).map((o) => o.tau))).toBeGreaterThan(0.99);
    expect(await t.app.ballotMixer.run('all')).toEqual({ mixed: 12, held: 0, folded: 0 });
    const second = sent.slice(12);
    for (const s of second) await send(s);
    window.to = new Date();
    expect((await sharedTransactionLinks(second, ['held_ballots'])).filter((l) => l.exact)).toHaveLength(12);
    expect(await t.app.ballotMixer.run('all')).toEqual({ mixed: 12, held: 0, folded: 0 });

    const tables = ['responses', 'answers', 'response_units', 'held_ballots'];
    expect((await sharedTransactionLinks(sent, tables)).filter((l) => l.narrows).map((l) => l.s.cell)).toEqual([]);
    for (const o of await orderLinks(sent, 'responses')) expect({ ...o, tau: Math.abs(o.tau) < 0.7 }).toEqual({ ...o, tau: true });
    // SQL-level, as a dump reader would: the same join the issue found 16 of 16 with.
    const joined = await q<{ id: string }>(
      sql`SELECT r.id::text FROM responses r JOIN spent_invitations s ON s.xmin::text = r.xmin::text JOIN invitations i ON i.id = s.invitation_id
          GROUP BY r.id HAVING count(*) < (SELECT count(*) FROM spent_invitations)`,
    );
    expect(joined).toEqual([]);
  });

  it('keeps no time finer than the day, no sequence, and no holding row once mixed', async () => {
    const columns = await q<{ table_name: string; column_name: string }>(
      sql`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type LIKE 'timestamp%'`,
    );
    const ids = sent.map((s) => s.response.id);
    const [received] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM responses WHERE id::text = ANY(${`{${ids.join(',')}}`}::text[]) AND received_at = date_trunc('day', received_at)`);
    expect(received?.n).toBe(sent.length);
    // The respondent's own clock stays in the response (content identity, the closing rule): docs/PRIVACY.md.
    const deviceTimes = ['responses.started_at', 'responses.completed_at', 'responses.received_at'];
    const stamped = columns.filter((c) => !deviceTimes.includes(`${c.table_name}.${c.column_name}`));
    expect(stamped.filter((c) => c.table_name === 'held_ballots' || c.table_name === 'spent_invitations')).toEqual([]);
    // Any other time written while respondents were sending would mark a moment of one of them.
    for (const c of stamped) {
      const [n] = await q<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(c.table_name)} WHERE ${sql.identifier(c.column_name)} BETWEEN ${window.from.toISOString()}::timestamptz AND ${window.to.toISOString()}::timestamptz`,
      );
      expect({ column: `${c.table_name}.${c.column_name}`, n: n?.n }).toEqual({ column: `${c.table_name}.${c.column_name}`, n: 0 });
    }
    expect(await q(sql`SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public'`)).toEqual([]);
    expect(await q(sql`SELECT * FROM held_ballots`)).toEqual([]);
  });

  it('logs nothing that ties an address, a code or a response id to an invitation request', async () => {
    // A rejected item and an unknown code take the error paths.
    const [s] = sent;
    await t.app.inject({ method: 'POST', url: '/api/sync', headers: { 'x-invitation-code': s?.code ?? '' }, payload: { responses: [{ ...s?.response, answers: 'x' }] }, remoteAddress: '10.1.99.1' });
    await t.app.inject({ method: 'POST', url: '/api/sync', headers: { 'x-invitation-code': 'ZZZZZ-ZZZZZ' }, payload: { responses: [] }, remoteAddress: '10.1.99.2' });
    // A staff request is logged with its address: the log is really captured.
    await t.app.inject({ method: 'GET', url: '/api/campaigns', headers: admin, remoteAddress: '10.9.9.9' });
    const text = log.join('');
    expect(text).toContain('10.9.9.9');
    for (const x of sent) {
      for (const secret of [x.address, x.code, x.code.replace('-', ''), x.invitationId, x.response.id]) expect(text).not.toContain(secret);
    }
    expect(text).not.toContain('10.1.99.');
    expect(log.filter((line) => /\/api\/sync|\/api\/invitations\//.test(line))).toEqual([]);
  });

  it('still ties nothing after the campaign closes and the spent codes fold into the invitations', async () => {
    for (const status of ['closing', 'closed']) {
      const res = await t.app.inject({ method: 'POST', url: `/api/campaigns/${f.campaignId}/status`, headers: admin, payload: { status } });
      expect(res.statusCode).toBe(200);
    }
    expect(await q(sql`SELECT * FROM spent_invitations`)).toEqual([]);
    const [used] = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM invitations WHERE used`);
    expect(used?.n).toBe(sent.length);
    const tables = ['responses', 'answers', 'response_units', 'held_ballots'];
    expect((await sharedTransactionLinks(sent, tables)).filter((l) => l.narrows).map((l) => l.s.cell)).toEqual([]);
    for (const o of await orderLinks(sent, 'responses')) expect({ ...o, tau: Math.abs(o.tau) < 0.7 }).toEqual({ ...o, tau: true });
    const joined = await q<{ id: string }>(sql`SELECT r.id::text FROM responses r JOIN invitations i ON i.xmin::text = r.xmin::text AND i.used`);
    const perResponse = new Map<string, number>();
    for (const j of joined) perResponse.set(j.id, (perResponse.get(j.id) ?? 0) + 1);
    // Only the last batch shares the fold's transaction, and then with every used code of the campaign.
    for (const n of perResponse.values()) expect(n).toBe(sent.length);
  });
});
