/**
 * A group commit whose COMMIT reply is lost with its connection (a proxy or load balancer drops it,
 * a TCP reset, a backend killed just after committing): the server may have committed. The store
 * must find out before it answers or retries, or a keyless amendment is appended twice and a
 * committed creation is answered ALREADY_EXISTS.
 *
 * A real network fault between the store and a real PostgreSQL: the connections go through a TCP
 * proxy that, once armed, lets the next COMMIT through (or drops it) and then cuts both sockets
 * before the reply reaches the client.
 */
import * as net from 'node:net';
import { DomainError } from '@ledger/domain/shared/errors';
import { connectLedgerDatabase, EventStore, LedgerAudit, LedgerReader, type AppendResult, type LedgerDatabase } from '@ledger/event-store';
import { createTestDatabase, type TestDatabase } from '@ledger/testing/database';
import { amendDeal, registerCompany, requestOf, SEED_SOURCES_AND_COMPANIES, signDeal } from './ledger-harness';

type Fault = 'commit-then-cut' | 'cut-before-commit';

/** A TCP proxy to PostgreSQL that can lose the next COMMIT's reply, or the COMMIT itself. */
class CommitCuttingProxy {
  private fault: Fault | null = null;
  private readonly server: net.Server;

  constructor(private readonly target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.relay(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  /** The next COMMIT any connection sends gets `fault`; every other byte passes. */
  arm(fault: Fault): void {
    this.fault = fault;
  }

  get armed(): boolean {
    return this.fault !== null;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: net.Socket): void {
    const server = net.connect(this.target.port, this.target.host);
    let replyLost = false;
    client.on('data', (chunk) => {
      // A simple-protocol Query message: 'Q', its length, then the SQL text and a NUL.
      if (this.fault !== null && chunk.includes('COMMIT\0')) {
        const fault = this.fault;
        this.fault = null;
        replyLost = true;
        if (fault === 'commit-then-cut') server.write(chunk);
        // Time for the server to commit (or to notice nothing came); then the connection is gone.
        setTimeout(() => {
          client.destroy();
          server.destroy();
        }, 200);
        return;
      }
      server.write(chunk);
    });
    server.on('data', (chunk) => {
      if (!replyLost) client.write(chunk);
    });
    for (const socket of [client, server]) socket.on('error', () => undefined);
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  }
}

describe('Given a store whose connection to PostgreSQL can lose a COMMIT reply', () => {
  let db: TestDatabase;
  let proxy: CommitCuttingProxy;
  let database: LedgerDatabase;
  let store: EventStore;
  let reader: LedgerReader;
  let audit: LedgerAudit;
  let tick = 0;
  const request = (command: Parameters<typeof requestOf>[0], idempotencyKey: string | null = null) =>
    requestOf(command, { now: new Date(Date.parse('2026-06-06T09:00:00.000Z') + (tick += 1) * 1000), idempotencyKey });

  beforeAll(async () => {
    db = await createTestDatabase();
    const url = new URL(db.url);
    proxy = new CommitCuttingProxy({ host: url.hostname, port: Number(url.port) });
    url.port = String(await proxy.listen());
    database = connectLedgerDatabase(url.toString(), { poolSize: 4 });
    store = new EventStore(database.appendPool);
    reader = new LedgerReader(database.pool);
    audit = new LedgerAudit(database.pool, reader);
    for (const command of [...SEED_SOURCES_AND_COMPANIES, signDeal('deal-a'), signDeal('deal-b', 'spacex', 'google')]) await store.append(request(command));
  });
  afterAll(async () => {
    await database.close();
    await proxy.close();
    await db.drop();
  });

  /** The events after `position`, as the database holds them. */
  const eventsAfter = async (position: string) =>
    (
      await database.pool.query<{ position: string; id: string; stream_id: string; version: number }>(
        'SELECT position::text AS position, id::text AS id, stream_id, version FROM events WHERE position > $1::bigint ORDER BY position',
        [position],
      )
    ).rows;

  const expectAcknowledgedExactlyOnce = async (before: string, results: readonly PromiseSettledResult<AppendResult>[]) => {
    const acknowledged = results.map((result) => {
      if (result.status === 'rejected') throw new Error(`expected every request answered with its event, got ${result.reason instanceof DomainError ? result.reason.code : String(result.reason)}`);
      return result.value;
    });
    expect(acknowledged.map((result) => result.replayed)).toEqual(acknowledged.map(() => false));
    const stored = await eventsAfter(before);
    expect(stored.map((event) => event.id)).toEqual(acknowledged.map((result) => result.event.id));
    expect(stored.map((event) => event.position)).toEqual(acknowledged.map((result) => result.event.position));
    expect(await audit.verify()).toMatchObject({ ok: true });
  };

  it('When a batch of three (a keyless amendment, a keyless creation, a keyed creation) commits but the reply is lost, then each gets its committed event, once: nothing is appended again', async () => {
    const before = (await reader.head()).position;
    proxy.arm('commit-then-cut');

    const results = await store.appendMany([
      request(amendDeal('deal-a', null, 'lost reply')),
      request(registerCompany('lost-reply-co')),
      request(registerCompany('lost-reply-keyed'), 'lost-reply-key'),
    ]);

    expect(proxy.armed).toBe(false);
    await expectAcknowledgedExactlyOnce(before, results);
    expect((await eventsAfter(before)).map((event) => [event.stream_id, event.version])).toEqual([
      ['deal-a', 2],
      ['lost-reply-co', 1],
      ['lost-reply-keyed', 1],
    ]);
  });

  it('When a batch of three loses its COMMIT before the server gets it, then nothing was committed and each is appended once by the retries', async () => {
    const before = (await reader.head()).position;
    proxy.arm('cut-before-commit');

    const results = await store.appendMany([
      request(amendDeal('deal-b', 1, 'lost commit')),
      request(registerCompany('lost-commit-co')),
      request(registerCompany('lost-commit-keyed'), 'lost-commit-key'),
    ]);

    expect(proxy.armed).toBe(false);
    await expectAcknowledgedExactlyOnce(before, results);
    expect((await eventsAfter(before)).map((event) => [event.stream_id, event.version])).toEqual([
      ['deal-b', 2],
      ['lost-commit-co', 1],
      ['lost-commit-keyed', 1],
    ]);
  });

  it('When a lone request commits but the reply is lost, then it gets its committed event rather than an error', async () => {
    const before = (await reader.head()).position;
    proxy.arm('commit-then-cut');

    const results = await Promise.allSettled([store.append(request(amendDeal('deal-a', null, 'lone lost reply')))]);

    expect(proxy.armed).toBe(false);
    await expectAcknowledgedExactlyOnce(before, results);
  });
});
