import { startTestApp, type TestApp } from '@ledger/testing';

const CITE = [{ sourceId: 'reckoning-2026-06-06', quote: 'test citation' }];
const DEPART = `mutation($input: RecordTalentDepartureInput!) { recordTalentDeparture(input: $input) {
  move { id person { id name } from { id } to { id } role announcedOn retracted } event { type streamId position } } }`;
const MOVE = `id role announcedOn retracted person { id name } from { id name } to { id name } citations { source { id } role }`;

const CLIVE_MOVE = {
  id: 'clive-chan-openai-anthropic',
  role: "Hardware: OpenAI's second hardware hire, custom chip program",
  announcedOn: '2026-06-06',
  retracted: false,
  person: { id: 'clive-chan', name: 'Clive Chan' },
  from: { id: 'openai', name: 'OpenAI' },
  to: { id: 'anthropic', name: 'Anthropic' },
  citations: [{ source: { id: 'reckoning-2026-06-06' }, role: 'SUPPORTING' }],
};

describe('Given the seeded ledger', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When person(id: "clive-chan") is read, then he has one move from OpenAI to Anthropic', async () => {
    const data = await api.data<{ person: unknown }>(`{ person(id: "clive-chan") { id name moves { ${MOVE} } } }`);
    expect(data.person).toEqual({ id: 'clive-chan', name: 'Clive Chan', moves: [CLIVE_MOVE] });
  });

  it('When a move’s person is followed back, then it is the same person with the same moves', async () => {
    const data = await api.data<{ person: { moves: { person: { moves: { id: string }[] } }[] } }>(
      `{ person(id: "clive-chan") { moves { person { moves { id } } } } }`,
    );
    expect(data.person.moves[0]!.person.moves).toEqual([{ id: 'clive-chan-openai-anthropic' }]);
  });

  it('When an unknown person, or a company id, is read as a person, then it is null', async () => {
    expect(await api.data(`{ a: person(id: "nobody") { id } b: person(id: "openai") { id } }`)).toEqual({ a: null, b: null });
  });
});

describe('Given the seeded ledger and more departures of Clive Chan', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(async () => {
    await api.close();
  });

  it('When a second departure to no known company is recorded for the same person by name, then it joins his moves with to: null', async () => {
    const recorded = await api.data<{ recordTalentDeparture: { move: unknown; event: { type: string; position: string } } }>(DEPART, {
      input: {
        id: 'clive-chan-leaves-anthropic',
        person: { name: 'Clive Chan' },
        fromCompanyId: 'anthropic',
        announcedOn: '2027-02-01',
        citations: CITE,
      },
    });
    expect(recorded.recordTalentDeparture).toEqual({
      move: {
        id: 'clive-chan-leaves-anthropic',
        person: { id: 'clive-chan', name: 'Clive Chan' },
        from: { id: 'anthropic' },
        to: null,
        role: null,
        announcedOn: '2027-02-01',
        retracted: false,
      },
      event: { type: 'TALENT_DEPARTED', streamId: 'clive-chan-leaves-anthropic', position: '28' },
    });
    const data = await api.data<{ person: { moves: { id: string; to: { id: string } | null }[] }; anthropic: { departures: { id: string }[]; arrivals: { id: string }[] } }>(
      `{ person(id: "clive-chan") { moves { id to { id } } }
         anthropic: company(id: "anthropic") { departures { id } arrivals { id } } }`,
    );
    expect(data.person.moves).toEqual([
      { id: 'clive-chan-openai-anthropic', to: { id: 'anthropic' } },
      { id: 'clive-chan-leaves-anthropic', to: null },
    ]);
    expect(data.anthropic).toEqual({ departures: [{ id: 'clive-chan-leaves-anthropic' }], arrivals: [{ id: 'clive-chan-openai-anthropic' }] });
  });

  it('When a departure is recorded with a different spelling of the name, then the person keeps the name first recorded', async () => {
    await api.data(DEPART, {
      input: { id: 'clive-chan-joins-xai', person: { id: 'clive-chan', name: 'C. Chan' }, fromCompanyId: 'google', toCompanyId: 'xai', citations: CITE },
    });
    const data = await api.data<{ person: { name: string; moves: { id: string }[] } }>(`{ person(id: "clive-chan") { name moves { id } } }`);
    expect(data.person).toEqual({
      name: 'Clive Chan',
      moves: [{ id: 'clive-chan-openai-anthropic' }, { id: 'clive-chan-leaves-anthropic' }, { id: 'clive-chan-joins-xai' }],
    });
  });

  it('When the original move is retracted, then it stays listed with retracted: true, on the person and on both companies', async () => {
    const retracted = await api.data<{ retract: { targetId: string; event: { type: string; streamId: string } } }>(
      `mutation { retract(input: { targetId: "clive-chan-openai-anthropic", reason: "Reported in error" }) { targetId event { type streamId } } }`,
    );
    expect(retracted.retract).toEqual({ targetId: 'clive-chan-openai-anthropic', event: { type: 'ENTRY_RETRACTED', streamId: 'clive-chan-openai-anthropic' } });
    const data = await api.data<{ person: { moves: { id: string; retracted: boolean }[] }; openai: { departures: unknown[] }; anthropic: { arrivals: unknown[] } }>(
      `{ person(id: "clive-chan") { moves { id retracted } }
         openai: company(id: "openai") { departures { id retracted } }
         anthropic: company(id: "anthropic") { arrivals { id retracted } } }`,
    );
    expect(data.person.moves).toEqual([
      { id: 'clive-chan-openai-anthropic', retracted: true },
      { id: 'clive-chan-leaves-anthropic', retracted: false },
      { id: 'clive-chan-joins-xai', retracted: false },
    ]);
    expect(data.openai.departures).toEqual([{ id: 'clive-chan-openai-anthropic', retracted: true }]);
    expect(data.anthropic.arrivals).toEqual([{ id: 'clive-chan-openai-anthropic', retracted: true }]);
  });

  it('When the person is read as of the seed head, then only the first move is there and it is not retracted', async () => {
    const data = await api.data<{ asOf: { person: unknown } }>(`{ asOf(position: "27") { person(id: "clive-chan") { name moves { id retracted } } } }`);
    expect(data.asOf.person).toEqual({ name: 'Clive Chan', moves: [{ id: 'clive-chan-openai-anthropic', retracted: false }] });
  });
});
