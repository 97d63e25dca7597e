import { startTestApp, type TestApp } from '@ledger/testing';

interface LogLine {
  level: number;
  msg: string;
  req?: { id: string; method: string; url: string; headers: Record<string, string> };
  res?: { statusCode: number };
  graphql?: { operationName: string | null; operationType: string | null };
  responseTime?: number;
}

describe('Given the API logging JSON at level info', () => {
  let api: TestApp;
  const raw: string[] = [];
  const lines = () => raw.map((line) => JSON.parse(line) as LogLine);
  const requestLine = (id: string) => lines().find((line) => line.req?.id === id);

  beforeAll(async () => {
    api = await startTestApp({
      config: { logLevel: 'info' },
      logDestination: { write: (line: string) => void raw.push(line) },
      tokens: { 'log-reader': 'reader' },
    });
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a named query is sent with an x-request-id and a bearer token, then one JSON line carries the id, the operation, the status and the duration, and not the token', async () => {
    const token = api.tokens['log-reader']!;
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `query CompanyNames { companies(first: 2) { edges { node { name } } } }` }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-42');
    await new Promise((resolve) => setTimeout(resolve, 50));

    const line = requestLine('req-42');
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'req-42', method: 'POST', url: '/graphql', headers: { authorization: '[redacted]' } },
      res: { statusCode: 200 },
      graphql: { operationName: 'CompanyNames', operationType: 'query' },
      responseTime: expect.any(Number),
    });
    expect(raw.join('\n')).not.toContain(token);
  });

  it('When a request has no x-request-id (or an unusable one), then the server assigns a UUID and returns it', async () => {
    for (const incoming of [undefined, 'not an id; DROP TABLE']) {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(incoming ? { 'x-request-id': incoming } : {}) },
        body: JSON.stringify({ query: `mutation Anonymous { registerCompany(input: { id: "x", name: "X" }) { company { id } } }` }),
      });
      const id = response.headers.get('x-request-id')!;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      await new Promise((resolve) => setTimeout(resolve, 50));
      // No token: refused by access control (UNAUTHENTICATED in the body), still logged with the operation.
      expect(requestLine(id)).toMatchObject({ graphql: { operationName: 'Anonymous', operationType: 'mutation' } });
    }
  });

  it('When a query is refused before execution, then its line still names the operation it asked for', async () => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-refused' },
      body: JSON.stringify({ query: `query Broken { nope }` }),
    });
    expect(response.status).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requestLine('req-refused')).toMatchObject({ level: 40, res: { statusCode: 400 }, graphql: { operationName: 'Broken' } });
  });

  it('When the health endpoints are probed, then they are not logged', async () => {
    await fetch(new URL('/health/live', api.url), { headers: { 'x-request-id': 'req-probe' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requestLine('req-probe')).toBeUndefined();
  });
});
