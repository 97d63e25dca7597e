import { GraphQLSchemaHost } from '@nestjs/graphql';
import { startTestApp, withSuperuser, type TestApp } from '@ledger/testing';
import { ledgerHead, mutate, VALID } from '@ledger/testing/ledger-writes';
import { assembleDealRow, type DealHeader, type DealRevisionDoc } from '@ledger/event-store/deal-revisions';
import { isObjectType } from 'graphql';
import { dealStatus } from '../../apps/api/src/deals/deals.resolver';

/**
 * A company's deals are read as their summaries (the deals table's `summary` column) when the query
 * asks only for what a list shows, and whole otherwise. Both must give the same answers.
 */
const LIST_FIELDS = 'id title kind signedOn terminatedOn version parties { role company { id name } } history { position }';
const DATES = ['2026-05-01', '2026-06-15', '2026-07-01', '2026-08-01', '2026-12-31', '2027-06-01', '2028-01-01', '2029-06-01'];

interface ListedDeal {
  id: string;
  [field: string]: unknown;
}

describe('Given OpenAI with deals whose dates were amended, one terminated', () => {
  let api: TestApp;
  const statements: string[] = [];
  const positions: string[] = [];

  beforeAll(async () => {
    api = await startTestApp({ onQuery: (sql) => statements.push(sql) });
    positions.push((await ledgerHead(api)).position);
    for (const id of ['openai-a', 'openai-b', 'openai-c']) await mutate(api, 'signDeal', VALID.signDeal(id));
    positions.push((await ledgerHead(api)).position);
    await mutate(api, 'amendDeal', { ...VALID.amendDeal('openai-a'), terms: [{ key: 'ends_on', date: '2027-12-31' }], effectiveOn: null });
    await mutate(api, 'amendDeal', { ...VALID.amendDeal('openai-a'), terms: [{ key: 'ends_on', date: '2029-12-31' }], effectiveOn: '2027-06-01' });
    await mutate(api, 'amendDeal', { ...VALID.amendDeal('openai-b'), terms: [{ key: 'starts_on', date: '2026-07-01' }] });
    await mutate(api, 'terminateDeal', VALID.terminateDeal('openai-c'));
    positions.push((await ledgerHead(api)).position);
  });
  afterAll(async () => {
    await api.close();
  });

  const companyDeals = async (position: string, dealArgs: string, fields: string): Promise<ListedDeal[]> => {
    const data = await api.data<{ asOf: { company: { deals: ListedDeal[] } } }>(
      `query($p: String!) { asOf(position: $p) { company(id: "openai") { deals${dealArgs ? `(${dealArgs})` : ''} { ${fields} } } } }`,
      { p: position },
    );
    return data.asOf.company.deals;
  };
  const dealStatements = () => statements.filter((sql) => /\b(FROM|JOIN) deals\b/.test(sql));

  it('When only list fields (and status on each date) are asked, Then the answer equals the whole deals’ at every position', async () => {
    const statusFields = DATES.map((on, index) => `s${index}: status(on: "${on}")`).join(' ');
    for (const position of positions) {
      statements.length = 0;
      const listed = await companyDeals(position, '', `${LIST_FIELDS} ${statusFields}`);
      expect(dealStatements()).toEqual([expect.stringContaining('coalesce(summary, doc::json) AS doc')]);

      statements.length = 0;
      const whole = await companyDeals(position, '', `${LIST_FIELDS} ${statusFields} terms { key }`);
      expect(dealStatements()).toEqual([expect.not.stringContaining('summary')]);

      expect(listed).toEqual(whole.map(({ terms: _terms, ...rest }) => rest));
    }
    const head = await companyDeals(positions[2]!, '', `id s0: status(on: "2026-08-01") s1: status(on: "2028-06-01") s2: status(on: "2029-06-01")`);
    expect(head.filter((deal) => deal.id.startsWith('openai-'))).toEqual([
      { id: 'openai-a', s0: 'ACTIVE', s1: 'ACTIVE', s2: 'ACTIVE' },
      { id: 'openai-b', s0: 'ACTIVE', s1: 'ACTIVE', s2: 'ACTIVE' },
      { id: 'openai-c', s0: 'TERMINATED', s1: 'TERMINATED', s2: 'TERMINATED' },
    ]);
  });

  it('When the list is filtered by role and status, Then summaries and whole deals keep the same deals', async () => {
    for (const on of DATES) {
      for (const filter of [`status: ACTIVE, on: "${on}"`, `status: PENDING, on: "${on}"`, `status: TERMINATED, on: "${on}"`, `role: PROVIDER, status: ACTIVE, on: "${on}"`]) {
        const listed = await companyDeals(positions[2]!, filter, 'id');
        const whole = await companyDeals(positions[2]!, filter, 'id totalValue { value }');
        expect([filter, listed.map((deal) => deal.id)]).toEqual([filter, whole.map((deal) => deal.id)]);
      }
    }
  });

  it('When the root deals connection (and asOf’s) asks its nodes only for list fields, Then it reads summaries, with the answers and pages of whole deals', async () => {
    const page = async (field: string, position: string, args: string, nodeFields: string) => {
      const data = await api.data<{ asOf: Record<string, { edges: { cursor: string; node: ListedDeal }[]; pageInfo: { hasNextPage: boolean } }> }>(
        `query($p: String!) { asOf(position: $p) { ${field}(${args}) { edges { cursor node { ${nodeFields} } } pageInfo { hasNextPage } } } }`,
        { p: position },
      );
      return data.asOf[field]!;
    };
    const statusFields = DATES.map((on, index) => `s${index}: status(on: "${on}")`).join(' ');
    for (const position of positions) {
      for (const args of ['first: 3', 'first: 100, filter: { companyId: "openai" }', `first: 2, filter: { status: ACTIVE, on: "2026-08-01" }`, `first: 5, filter: { status: TERMINATED, on: "2027-06-01" }`]) {
        statements.length = 0;
        const listed = await page('deals', position, args, `${LIST_FIELDS} ${statusFields}`);
        expect(dealStatements().every((sql) => sql.includes('coalesce(summary, doc::json) AS doc'))).toBe(true);
        expect(dealStatements().length).toBeGreaterThan(0);

        statements.length = 0;
        const whole = await page('deals', position, args, `${LIST_FIELDS} ${statusFields} totalValue { value }`);
        expect(dealStatements().some((sql) => sql.includes('summary'))).toBe(false);

        expect([args, listed]).toEqual([args, { ...whole, edges: whole.edges.map(({ cursor, node: { totalValue: _value, ...rest } }) => ({ cursor, node: rest })) }]);
      }
    }
    // The root query (at the head) reads summaries too.
    statements.length = 0;
    await api.data('{ deals(first: 2) { edges { node { id status } } } }');
    expect(dealStatements()).toEqual([expect.stringContaining('coalesce(summary, doc::json) AS doc')]);
  });

  it('When a fragment or an inline fragment asks for terms, Then the deals are read whole and the terms answered', async () => {
    statements.length = 0;
    const data = await api.data<{ company: { deals: { id: string; terms: { key: string }[]; term: { date: string } | null }[] } }>(
      `query { company(id: "openai") { deals { ...Listed ... on Deal { term(key: "ends_on") { date } } } } }
       fragment Listed on Deal { id ... on Deal { terms { key } } }`,
    );
    expect(dealStatements()).toEqual([expect.not.stringContaining('summary')]);
    const dealA = data.company.deals.find((deal) => deal.id === 'openai-a');
    expect(dealA).toEqual({ id: 'openai-a', terms: [{ key: 'payment' }, { key: 'starts_on' }, { key: 'notice_period' }, { key: 'capacity' }, { key: 'ends_on' }], term: { date: '2029-12-31' } });
  });

  it('When the served schema is inspected, Then Deal.status is the plain resolver (not Nest’s async parameter pipeline), with its on: Date argument', async () => {
    const deal = api.app.get(GraphQLSchemaHost).schema.getType('Deal');
    if (!isObjectType(deal)) throw new Error('Deal is not an object type');
    const status = deal.getFields()['status']!;
    expect(status.resolve).toBe(dealStatus);
    expect(status.args.map((arg) => [arg.name, String(arg.type)])).toEqual([['on', 'Date']]);
  });

  it('When deals were signed, amended and terminated, Then deal_parties holds exactly one row per party of every deal row version, with its validity', async () => {
    const differences = await withSuperuser(api.databaseUrl, async (client) => {
      const derived = `SELECT DISTINCT party AS company_id, valid_from, id AS deal_id, valid_to FROM deals, unnest(party_ids) AS party`;
      const kept = `SELECT company_id, valid_from, deal_id, valid_to FROM deal_parties`;
      const missing = await client.query(`${derived} EXCEPT ${kept}`);
      const extra = await client.query(`${kept} EXCEPT ${derived}`);
      const count = await client.query<{ count: string }>(`SELECT count(*)::text AS count FROM deal_parties WHERE deal_id LIKE 'openai-%'`);
      return { missing: missing.rows, extra: extra.rows, openaiLinks: count.rows[0]!.count };
    });
    // openai-a: 3 versions, openai-b: 2, openai-c: 2; two parties each.
    expect(differences).toEqual({ missing: [], extra: [], openaiLinks: '14' });
  });

  it('Given deal rows as written before projection version 4 (summary NULL, the whole row in doc, until the start-up rebuild), When list fields are asked, Then they are answered from the whole doc, the same', async () => {
    const statusFields = DATES.map((on, index) => `s${index}: status(on: "${on}")`).join(' ');
    const before = await companyDeals(positions[2]!, '', `${LIST_FIELDS} ${statusFields}`);
    const stored = await withSuperuser(api.databaseUrl, async (client) => {
      const type = await client.query<{ type: string }>(`SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = 'deals'::regclass AND attname = 'summary'`);
      const sample = await client.query<{ summary: string }>(`SELECT summary::text AS summary FROM deals WHERE id = 'openai-a' AND valid_to IS NULL`);
      // Such a doc holds the whole row (terms and citations; deal_revisions came with version 5).
      const versions = await client.query<{ id: string; valid_from: string; doc: DealHeader }>(`SELECT id, valid_from::text, doc FROM deals WHERE id LIKE 'openai-%'`);
      for (const version of versions.rows) {
        const revisions = await client.query<{ doc: DealRevisionDoc }>(
          'SELECT doc FROM deal_revisions WHERE deal_id = $1 AND position <= $2::bigint ORDER BY position',
          [version.id, version.valid_from],
        );
        const whole = assembleDealRow(version.doc, revisions.rows.map((revision) => revision.doc));
        expect(whole.terms.length).toBeGreaterThan(0);
        await client.query('UPDATE deals SET summary = NULL, doc = $3::json WHERE id = $1 AND valid_from = $2::bigint', [version.id, version.valid_from, JSON.stringify(whole)]);
      }
      return { type: type.rows[0]!.type, summary: JSON.parse(sample.rows[0]!.summary) as Record<string, unknown> };
    });
    // Sent as stored (json, not jsonb), without the row's positions and timestamps.
    expect(stored.type).toBe('json');
    expect(Object.keys(stored.summary).sort()).toEqual(['id', 'kind', 'parties', 'signedOn', 'terminatedOn', 'terms', 'title', 'version']);

    const after = await companyDeals(positions[2]!, '', `${LIST_FIELDS} ${statusFields}`);
    expect(after).toEqual(before);
  });
});
