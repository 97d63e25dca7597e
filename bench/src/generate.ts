/**
 * A deterministic, realistic NDJSON ledger for `ledger import`: one {"op": mutation, "input": {...}} per
 * line, every line valid in order against the ledger built by the lines before it (an empty ledger
 * first: the bench runs the API with LEDGER_SEED=off), so line N becomes position N.
 *
 * Shape (after a bootstrap of sources and companies): sources 3%, companies 2%, deals signed 13%,
 * amended 22%, terminated 2%, valuation claims 12%, assertions 6%, rebuttals 31% (half of them answer
 * another rebuttal, so threads grow deep), talent moves 5%, retractions 4%. Popular companies and hot
 * claims attract most of the activity (skewed picks), as in a real newsroom.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Prng } from './prng';

export type Op =
  | 'registerSource'
  | 'registerCompany'
  | 'signDeal'
  | 'amendDeal'
  | 'terminateDeal'
  | 'claimValuation'
  | 'makeClaim'
  | 'postRebuttal'
  | 'recordTalentDeparture'
  | 'retract';

export const OP_WEIGHTS: readonly (readonly [Op, number])[] = [
  ['registerSource', 3],
  ['registerCompany', 2],
  ['signDeal', 13],
  ['amendDeal', 22],
  ['terminateDeal', 2],
  ['claimValuation', 12],
  ['makeClaim', 6],
  ['postRebuttal', 31],
  ['recordTalentDeparture', 5],
  ['retract', 4],
];

/** An entity and the line (= ledger position) that created it. */
export interface Created {
  readonly id: string;
  readonly line: number;
}

export interface DealEntry extends Created {
  version: number;
  startsOn: string;
  terminated: boolean;
}

export interface ClaimEntry extends Created {
  rebuttals: number;
  retracted: boolean;
}

export interface RebuttalEntry extends Created {
  readonly root: number; // index into claims
  readonly depth: number;
  retracted: boolean;
}

export interface LedgerManifest {
  readonly seed: number;
  readonly lines: number;
  readonly bytes: number;
  readonly ops: Record<Op, number>;
  readonly sources: Created[];
  readonly companies: Created[];
  readonly deals: DealEntry[];
  readonly claims: ClaimEntry[];
  readonly rebuttals: number;
  readonly maxThreadDepth: number;
  readonly moves: number;
  readonly people: number;
}

const FIRST_DAY = Date.UTC(2018, 0, 1);
const DAY = 86_400_000;

const SYLLABLES = ['ax', 'be', 'cor', 'da', 'el', 'fin', 'gra', 'hel', 'io', 'jun', 'ka', 'lum', 'mer', 'nov', 'or', 'pax', 'qua', 'ri', 'sol', 'tes', 'ul', 'vec', 'wa', 'xen', 'yo', 'zer'];
const COMPANY_SUFFIXES = ['Labs', 'AI', 'Systems', 'Compute', 'Robotics', 'Networks', 'Cloud', 'Semiconductor', 'Capital', 'Dynamics', 'Energy', 'Bio'];
const PUBLISHERS = ['Techmeme', 'The Information', 'Dispatch', 'Reuters', 'Bloomberg', 'The Reckoning', 'Stratechery', 'Financial Times', 'SEC EDGAR', 'Hacker News'];
const SOURCE_KINDS = ['ARTICLE', 'ARTICLE', 'ARTICLE', 'FILING', 'THREAD', 'COMMENT', 'VIDEO', 'PODCAST', 'BLOG', 'PRESS_RELEASE', 'OTHER'];
const FIRST_NAMES = ['Ada', 'Lenar', 'Ina', 'Rebecca', 'Clive', 'Maya', 'Tomas', 'Priya', 'Wen', 'Omar', 'Sofia', 'Kenji', 'Amara', 'Lucas', 'Noor', 'Elena'];
const LAST_NAMES = ['Kess', 'Fried', 'Bellan', 'Chan', 'Okafor', 'Novak', 'Iyer', 'Zhang', 'Haddad', 'Rossi', 'Tanaka', 'Mensah', 'Silva', 'Khan', 'Petrova', 'Lund'];
const ROLES = ['Chief scientist', 'Head of hardware', 'VP of research', 'Chief financial officer', 'Lead of the inference team', 'Head of policy', 'Principal engineer', 'General counsel'];
const WORDS = (
  'the deal compute capacity lease revenue valuation loss filing quarter investors board reported according to ' +
  'people familiar with matter said agreement contract billion million per month year cloud chips gpus datacenter ' +
  'training inference model open weights customers partner expands renegotiated signed terms price notice cancelled ' +
  'analysts estimate circular financing bailout ipo shares round led raised margin guidance growth users subscribers'
).split(' ');
const DEAL_ROLES: Record<string, readonly [string, string]> = {
  COMPUTE_LEASE: ['PROVIDER', 'CUSTOMER'],
  INVESTMENT: ['INVESTOR', 'INVESTEE'],
  LICENSE: ['LICENSOR', 'LICENSEE'],
  SUPPLY: ['PROVIDER', 'CUSTOMER'],
  VENDOR_FINANCING: ['INVESTOR', 'INVESTEE'],
  ACQUISITION: ['ACQUIRER', 'TARGET'],
  PARTNERSHIP: ['PARTNER', 'PARTNER'],
  OTHER: ['PARTNER', 'PARTNER'],
};
const DEAL_KINDS = Object.keys(DEAL_ROLES);
const METRICS: readonly (readonly [string, string])[] = [
  ['VALUATION', 'USD'],
  ['REVENUE', 'USD'],
  ['OPERATING_INCOME', 'USD'],
  ['NET_INCOME', 'USD'],
  ['FUNDING_RAISED', 'USD'],
  ['USERS', 'users'],
  ['HEADCOUNT', 'people'],
];
const PERIODS = ['MONTH', 'QUARTER', 'YEAR'];
const STANCES: readonly (readonly ['REFUTES' | 'SUPPORTS' | 'QUALIFIES', number])[] = [
  ['REFUTES', 45],
  ['SUPPORTS', 35],
  ['QUALIFIES', 20],
];

/** Writes `events` lines to `file` and returns what the benchmark needs to know about them. */
export function generateLedger(file: string, events: number, seed: number): LedgerManifest {
  const rng = new Prng(seed);
  const ops = Object.fromEntries(OP_WEIGHTS.map(([op]) => [op, 0])) as Record<Op, number>;
  const sources: Created[] = [];
  const companies: (Created & { name: string })[] = [];
  const deals: DealEntry[] = [];
  const liveDeals: number[] = []; // indexes into deals, not terminated
  const claims: ClaimEntry[] = [];
  const rebuttals: RebuttalEntry[] = [];
  const moves: { id: string; retracted: boolean }[] = [];
  const people: { id: string; name: string }[] = [];
  let maxDepth = 0;
  let line = 0;
  let bytes = 0;

  const fd = openSync(file, 'w');
  let buffer: string[] = [];
  const flush = (): void => {
    if (buffer.length === 0) return;
    const chunk = buffer.join('');
    bytes += Buffer.byteLength(chunk);
    writeSync(fd, chunk);
    buffer = [];
  };
  const emit = (op: Op, input: Record<string, unknown>): void => {
    line += 1;
    ops[op] += 1;
    buffer.push(`${JSON.stringify({ op, input })}\n`);
    if (buffer.length >= 2000) flush();
  };

  // ------------------------------------------------------------ text and values
  const words = (min: number, max: number): string => {
    const count = rng.int(min, max);
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(rng.pick(WORDS));
    return out.join(' ');
  };
  const sentence = (min: number, max: number): string => {
    const text = words(min, max);
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  /** A world date, drifting forward with the ledger (news is recorded roughly in order). */
  const worldDate = (jitterDays = 120): string => {
    const base = (line / Math.max(events, 1)) * 12 * 365;
    const day = Math.max(0, Math.round(base + rng.int(-jitterDays, jitterDays)));
    return new Date(FIRST_DAY + day * DAY).toISOString().slice(0, 10);
  };
  const addDays = (date: string, days: number): string => new Date(Date.parse(date) + days * DAY).toISOString().slice(0, 10);
  const money = (minMillions: number, maxMillions: number): string => `${rng.int(minMillions, maxMillions)}000000`;
  const person = (): string => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  const popularCompany = (): Created & { name: string } => companies[rng.skewedIndex(companies.length, 2.2)]!;
  const distinctCompanies = (count: number): (Created & { name: string })[] => {
    const chosen = new Map<string, Created & { name: string }>();
    for (let tries = 0; chosen.size < count && tries < 50; tries++) {
      const company = tries < 25 ? popularCompany() : rng.pick(companies);
      chosen.set(company.id, company);
    }
    return [...chosen.values()];
  };
  const citations = (max = 2): Record<string, unknown>[] => {
    const count = rng.int(1, max);
    const out: Record<string, unknown>[] = [];
    const used = new Set<string>();
    for (let i = 0; i < count; i++) {
      // Recent sources are cited most.
      const source = sources[sources.length - 1 - rng.skewedIndex(sources.length, 2.5)]!;
      if (used.has(source.id)) continue;
      used.add(source.id);
      const citation: Record<string, unknown> = { sourceId: source.id, quote: sentence(8, 24) };
      if (rng.chance(0.4)) citation.locator = rng.chance(0.5) ? `para ${rng.int(1, 30)}` : `00:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
      if (i === 0 && rng.chance(0.5)) citation.role = 'PRIMARY';
      out.push(citation);
    }
    return out;
  };
  const maybeExpected = (version: number): Record<string, number> => (rng.chance(0.6) ? { expectedVersion: version } : {});

  // ------------------------------------------------------------ the commands
  const registerSource = (): void => {
    const n = sources.length + 1;
    const publisher = rng.pick(PUBLISHERS);
    const id = `src-${n}-${publisher.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const input: Record<string, unknown> = { id, title: sentence(5, 12), kind: rng.pick(SOURCE_KINDS), publishedOn: worldDate(30) };
    if (rng.chance(0.8)) input.url = `https://news.example.com/${publisher.toLowerCase().replace(/[^a-z0-9]+/g, '-')}/${n}`;
    if (rng.chance(0.9)) input.publisher = publisher;
    if (rng.chance(0.7)) input.author = person();
    emit('registerSource', input);
    sources.push({ id, line });
  };
  const registerCompany = (): void => {
    const n = companies.length + 1;
    const stem = `${rng.pick(SYLLABLES)}${rng.pick(SYLLABLES)}${rng.pick(SYLLABLES)}`;
    const name = `${stem[0]!.toUpperCase()}${stem.slice(1)} ${rng.pick(COMPANY_SUFFIXES)}`;
    const id = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${n}`;
    const input: Record<string, unknown> = { id, name };
    if (rng.chance(0.5)) input.aliases = rng.chance(0.5) ? [stem.toUpperCase()] : [`${name} Inc.`, stem.toUpperCase()];
    emit('registerCompany', input);
    companies.push({ id, name, line });
  };
  const signDeal = (): void => {
    const kind = rng.pick(DEAL_KINDS);
    const [roleA, roleB] = DEAL_ROLES[kind]!;
    const parties = distinctCompanies(rng.chance(0.1) ? 3 : 2);
    if (parties.length < 2) return registerCompany();
    const id = `deal-${deals.length + 1}-${parties[0]!.id.slice(0, 30)}`.replace(/-+$/, '');
    const signedOn = worldDate();
    const startsOn = addDays(signedOn, rng.int(0, 90));
    const terms: Record<string, unknown>[] = [];
    const recurring = rng.chance(0.7);
    terms.push({ key: 'payment', amount: { value: money(1, 2000), unit: 'USD', ...(recurring ? { per: rng.pick(PERIODS) } : {}) } });
    terms.push({ key: 'starts_on', date: startsOn });
    if (rng.chance(0.7)) terms.push({ key: 'ends_on', date: addDays(startsOn, rng.int(180, 2000)) });
    if (rng.chance(0.5)) terms.push({ key: 'notice_period', days: rng.pick([30, 60, 90, 180]) });
    if (rng.chance(0.4)) terms.push({ key: 'capacity', text: `${rng.int(1, 900)} MW across ${rng.int(1, 6)} sites` });
    emit('signDeal', {
      id,
      title: `${parties[0]!.name} ${kind.toLowerCase().replace('_', ' ')} with ${parties[1]!.name}`,
      kind,
      parties: parties.map((company, index) => ({ companyId: company.id, role: index === 0 ? roleA : index === 1 ? roleB : 'PARTNER' })),
      signedOn,
      terms,
      citations: citations(),
    });
    deals.push({ id, line, version: 1, startsOn, terminated: false });
    liveDeals.push(deals.length - 1);
  };
  /** A live deal, most often one of the recent ones (news follows news). */
  const liveDeal = (): number => {
    const slot = rng.chance(0.7) ? liveDeals.length - 1 - rng.skewedIndex(liveDeals.length, 3) : rng.int(0, liveDeals.length - 1);
    return slot;
  };
  const amendDeal = (): void => {
    if (liveDeals.length === 0) return signDeal();
    const deal = deals[liveDeals[liveDeal()]!]!;
    const terms: Record<string, unknown>[] = [];
    const keys = ['payment', 'ends_on', 'notice_period', 'capacity', 'exclusivity'];
    const first = rng.int(0, keys.length - 1);
    const count = rng.chance(0.3) ? 2 : 1;
    for (let i = 0; i < count; i++) {
      const key = keys[(first + i) % keys.length]!;
      if (key === 'payment') terms.push({ key, amount: { value: money(1, 2500), unit: 'USD', per: rng.pick(PERIODS) } });
      else if (key === 'ends_on') terms.push({ key, date: addDays(deal.startsOn, rng.int(180, 2500)) });
      else if (key === 'notice_period') terms.push({ key, days: rng.pick([30, 60, 90, 120, 180]) });
      else if (key === 'capacity') terms.push({ key, text: `${rng.int(1, 1500)} MW; ${words(2, 5)}` });
      else terms.push({ key, text: rng.chance(0.5) ? 'exclusive' : 'non-exclusive' });
    }
    emit('amendDeal', {
      dealId: deal.id,
      terms,
      ...(rng.chance(0.7) ? { effectiveOn: worldDate() } : {}),
      reason: `${sentence(4, 12)} (ref ${line + 1})`,
      citations: citations(),
      ...maybeExpected(deal.version),
    });
    deal.version += 1;
  };
  const terminateDeal = (): void => {
    if (liveDeals.length < 20) return amendDeal();
    const slot = rng.int(0, liveDeals.length - 1);
    const deal = deals[liveDeals[slot]!]!;
    emit('terminateDeal', {
      dealId: deal.id,
      terminatedOn: addDays(deal.startsOn, rng.int(30, 900)),
      reason: `${sentence(4, 10)} (ref ${line + 1})`,
      citations: citations(1),
      ...maybeExpected(deal.version),
    });
    deal.version += 1;
    deal.terminated = true;
    liveDeals[slot] = liveDeals[liveDeals.length - 1]!;
    liveDeals.pop();
  };
  const claimValuation = (): void => {
    const company = popularCompany();
    const [metric, unit] = rng.pick(METRICS);
    const id = `${company.id.slice(0, 40)}-${metric.toLowerCase().replace(/_/g, '-')}-${claims.length + 1}`;
    const negative = (metric === 'OPERATING_INCOME' || metric === 'NET_INCOME') && rng.chance(0.6);
    const value = unit === 'USD' ? money(1, 900000) : String(rng.int(10, 5_000_000));
    const year = 2017 + Math.min(13, Math.floor((line / Math.max(events, 1)) * 12) + rng.int(0, 1));
    const input: Record<string, unknown> = {
      id,
      companyId: company.id,
      metric,
      value: { value: negative ? `-${value}` : value, unit },
      author: rng.chance(0.5) ? `${rng.pick(PUBLISHERS)} reporting` : person(),
      occurredOn: worldDate(30),
      citations: citations(),
    };
    if (metric !== 'VALUATION' && metric !== 'USERS' && metric !== 'HEADCOUNT') input.fiscalPeriod = rng.chance(0.5) ? `FY${year}` : `${year}-Q${rng.int(1, 4)}`;
    if (rng.chance(0.3)) input.statement = `${company.name}: ${sentence(6, 14)}`;
    emit('claimValuation', input);
    claims.push({ id, line, rebuttals: 0, retracted: false });
  };
  const makeClaim = (): void => {
    const subjects = distinctCompanies(rng.int(0, 3));
    const id = `assertion-${claims.length + 1}`;
    emit('makeClaim', {
      id,
      statement: `${subjects.map((company) => company.name).join(', ') || 'The industry'}: ${sentence(10, 30)}`,
      author: rng.chance(0.5) ? person() : `Commentators cited by ${rng.pick(PUBLISHERS)}`,
      subjectIds: subjects.map((company) => company.id),
      occurredOn: worldDate(30),
      citations: citations(),
    });
    claims.push({ id, line, rebuttals: 0, retracted: false });
  };
  const postRebuttal = (): void => {
    if (claims.length === 0) return makeClaim();
    const id = `rebuttal-${rebuttals.length + 1}`;
    let targetId: string;
    let root: number;
    let depth: number;
    if (rebuttals.length > 0 && rng.chance(0.5)) {
      // Answer a recent rebuttal: threads grow deep where the argument is hot.
      const target = rebuttals[rebuttals.length - 1 - rng.skewedIndex(rebuttals.length, 4)]!;
      targetId = target.id;
      root = target.root;
      depth = target.depth + 1;
    } else {
      root = rng.chance(0.6) ? claims.length - 1 - rng.skewedIndex(claims.length, 3) : rng.int(0, claims.length - 1);
      targetId = claims[root]!.id;
      depth = 1;
    }
    emit('postRebuttal', {
      id,
      targetId,
      stance: rng.weighted(STANCES),
      author: rng.chance(0.7) ? person() : `A reader of ${rng.pick(PUBLISHERS)}`,
      text: sentence(8, 40),
      occurredOn: worldDate(20),
      citations: citations(1),
    });
    rebuttals.push({ id, line, root, depth, retracted: false });
    claims[root]!.rebuttals += 1;
    maxDepth = Math.max(maxDepth, depth);
  };
  const recordTalentDeparture = (): void => {
    const [from, to] = distinctCompanies(2);
    if (!from) return registerCompany();
    let who: { id: string; name: string };
    if (people.length > 0 && rng.chance(0.3)) who = rng.pick(people);
    else {
      const name = person();
      who = { id: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${people.length + 1}`, name };
      people.push(who);
    }
    const id = `move-${moves.length + 1}-${who.id.slice(0, 40)}`;
    emit('recordTalentDeparture', {
      id,
      person: { id: who.id, name: who.name },
      fromCompanyId: from.id,
      ...(to && rng.chance(0.85) ? { toCompanyId: to.id } : {}),
      role: rng.pick(ROLES),
      announcedOn: worldDate(20),
      citations: citations(1),
    });
    moves.push({ id, retracted: false });
  };
  const retract = (): void => {
    for (let tries = 0; tries < 8; tries++) {
      const roll = rng.next();
      let entry: { id: string; retracted: boolean } | undefined;
      if (roll < 0.5 && rebuttals.length > 0) entry = rebuttals[rng.int(0, rebuttals.length - 1)];
      else if (roll < 0.85 && claims.length > 0) entry = claims[rng.int(0, claims.length - 1)];
      else if (moves.length > 0) entry = moves[rng.int(0, moves.length - 1)];
      if (!entry || entry.retracted) continue;
      entry.retracted = true;
      // Claims, rebuttals and moves have one event before their retraction (rebuttals live in their own streams).
      emit('retract', { targetId: entry.id, reason: `${sentence(3, 10)} (ref ${line + 1})`, ...maybeExpected(1) });
      return;
    }
    claimValuation();
  };

  const commands: Record<Op, () => void> = {
    registerSource,
    registerCompany,
    signDeal,
    amendDeal,
    terminateDeal,
    claimValuation,
    makeClaim,
    postRebuttal,
    recordTalentDeparture,
    retract,
  };

  try {
    // Bootstrap: a newsroom starts with some sources and the companies it covers.
    const bootstrap = Math.min(20, Math.max(2, Math.floor(events / 50)));
    for (let i = 0; i < bootstrap && line < events; i++) registerSource();
    for (let i = 0; i < bootstrap && line < events; i++) registerCompany();
    while (line < events) commands[rng.weighted(OP_WEIGHTS)]();
    flush();
  } finally {
    closeSync(fd);
  }

  return {
    seed,
    lines: line,
    bytes,
    ops,
    sources,
    companies: companies.map(({ id, line: created }) => ({ id, line: created })),
    deals,
    claims,
    rebuttals: rebuttals.length,
    maxThreadDepth: maxDepth,
    moves: moves.length,
    people: people.length,
  };
}
