import type { ClaimValuation, MakeClaim, PostRebuttal } from './commands';
import { composeValuationStatement } from './decide';
import { given } from '../ledger/testing/decider-spec';
import { amount, cite, claimRow, rebuttalRow } from '../ledger/testing/fixtures';
import type { EntityKind } from '../ledger/entities';
import { MAX_LONG_TEXT, MAX_SHORT_TEXT } from '../shared/values';

const known: Record<string, EntityKind> = {
  xai: 'COMPANY',
  spacex: 'COMPANY',
  google: 'COMPANY',
  'techmeme-260520-p50': 'SOURCE',
};

const claimValuation = (overrides: Partial<ClaimValuation> = {}): ClaimValuation => ({
  type: 'claimValuation',
  id: 'xai-operating-income-fy2025',
  companyId: 'xai',
  metric: 'OPERATING_INCOME',
  value: amount('-6400000000'),
  fiscalPeriod: 'FY2025',
  author: 'SpaceX S-1 filing',
  statement: null,
  occurredOn: '2026-05-20',
  citations: [cite('techmeme-260520-p50', { role: 'PRIMARY' })],
  ...overrides,
});

describe('claimValuation', () => {
  it('Given the company, When claiming without a statement, Then VALUATION_CLAIMED with a composed statement', () => {
    given({ known })
      .when(claimValuation())
      .then({
        type: 'VALUATION_CLAIMED',
        streamId: 'xai-operating-income-fy2025',
        data: {
          claimId: 'xai-operating-income-fy2025',
          companyId: 'xai',
          metric: 'OPERATING_INCOME',
          value: amount('-6400000000'),
          fiscalPeriod: 'FY2025',
          author: 'SpaceX S-1 filing',
          statement: 'xai OPERATING_INCOME FY2025: -6400000000 USD',
        },
        citations: [cite('techmeme-260520-p50', { role: 'PRIMARY' })],
        occurredOn: '2026-05-20',
      });
  });

  it('composes statements without fiscal period and with a period of the amount', () => {
    expect(composeValuationStatement('spacex', 'VALUATION', null, amount('1750000000000'))).toBe(
      'spacex VALUATION: 1750000000000 USD',
    );
    expect(composeValuationStatement('xai', 'REVENUE', 'Q1 2026', amount('100', 'USD', 'MONTH'))).toBe(
      'xai REVENUE Q1 2026: 100 USD per MONTH',
    );
  });

  it('Given a statement, Then it is kept as written', () => {
    const event = given({ known }).when(claimValuation({ statement: 'xAI lost $6.4B' })).thenEvent();
    expect(event.type === 'VALUATION_CLAIMED' && event.data.statement).toBe('xAI lost $6.4B');
  });

  it('Given an unknown company, Then NOT_FOUND on input.companyId', () => {
    given({ known: { 'techmeme-260520-p50': 'SOURCE' } })
      .when(claimValuation())
      .thenThrows('NOT_FOUND', ['input.companyId']);
  });

  it('Given the claim id is taken, Then ALREADY_EXISTS', () => {
    given({ known: { ...known, 'xai-operating-income-fy2025': 'CLAIM' } })
      .when(claimValuation())
      .thenThrows('ALREADY_EXISTS');
  });

  it('When the value unit is malformed, the author blank and no citation, Then BAD_USER_INPUT lists each', () => {
    given({ known })
      .when(claimValuation({ value: amount('1', 'US DOLLARS'), author: ' ', citations: [] }))
      .thenThrows('BAD_USER_INPUT', ['input.value.unit', 'input.author', 'input.citations']);
  });

  it('When the fiscal period or the statement is too long, Then BAD_USER_INPUT', () => {
    given({ known })
      .when(claimValuation({ fiscalPeriod: 'F'.repeat(MAX_SHORT_TEXT + 1), statement: 's'.repeat(MAX_LONG_TEXT + 1) }))
      .thenThrows('BAD_USER_INPUT', ['input.fiscalPeriod', 'input.statement']);
  });
});

const makeClaim = (overrides: Partial<MakeClaim> = {}): MakeClaim => ({
  type: 'makeClaim',
  id: 'circular-compute-deals',
  statement: 'The compute leases are circular financial engineering.',
  author: 'Commentators cited by The Reckoning',
  subjectIds: ['spacex', 'google', 'xai'],
  occurredOn: '2026-06-06',
  citations: [cite('techmeme-260520-p50')],
  ...overrides,
});

describe('makeClaim', () => {
  it('Given its subjects, When making a claim, Then CLAIM_MADE', () => {
    given({ known })
      .when(makeClaim())
      .then({
        type: 'CLAIM_MADE',
        streamId: 'circular-compute-deals',
        data: {
          claimId: 'circular-compute-deals',
          statement: 'The compute leases are circular financial engineering.',
          author: 'Commentators cited by The Reckoning',
          subjectIds: ['spacex', 'google', 'xai'],
        },
        citations: [cite('techmeme-260520-p50')],
        occurredOn: '2026-06-06',
      });
  });

  it('Given no subjects, Then the claim is made', () => {
    expect(given({ known }).when(makeClaim({ subjectIds: [] })).thenEvent().type).toBe('CLAIM_MADE');
  });

  it('When a subject repeats, Then BAD_USER_INPUT on input.subjectIds.N', () => {
    given({ known })
      .when(makeClaim({ subjectIds: ['spacex', 'xai', 'spacex'] }))
      .thenThrows('BAD_USER_INPUT', ['input.subjectIds.2']);
  });

  it('Given a subject that is not a company, Then NOT_FOUND on input.subjectIds.N', () => {
    given({ known: { ...known, anthropic: 'PERSON' } })
      .when(makeClaim({ subjectIds: ['spacex', 'anthropic'] }))
      .thenThrows('NOT_FOUND', ['input.subjectIds.1']);
  });

  it('When the statement is blank, Then BAD_USER_INPUT on input.statement', () => {
    given({ known }).when(makeClaim({ statement: '\n' })).thenThrows('BAD_USER_INPUT', ['input.statement']);
  });

  it('When there is no citation, Then BAD_USER_INPUT on input.citations', () => {
    given({ known }).when(makeClaim({ citations: [] })).thenThrows('BAD_USER_INPUT', ['input.citations']);
  });
});

const postRebuttal = (overrides: Partial<PostRebuttal> = {}): PostRebuttal => ({
  type: 'postRebuttal',
  id: 'r-no-related-party-smell',
  targetId: 'claim',
  stance: 'REFUTES',
  author: 'thread commenter',
  text: "Anthropic buying SpaceX's compute doesn't have any related-party smell to it.",
  occurredOn: null,
  citations: [cite('techmeme-260520-p50')],
  ...overrides,
});

describe('postRebuttal', () => {
  it('Given a claim, When rebutting it, Then REBUTTAL_POSTED rooted at the claim, on the rebuttal stream', () => {
    given({ known: { ...known, claim: 'CLAIM' }, target: claimRow('claim') })
      .when(postRebuttal())
      .then({
        type: 'REBUTTAL_POSTED',
        streamId: 'r-no-related-party-smell',
        data: {
          rebuttalId: 'r-no-related-party-smell',
          targetId: 'claim',
          rootClaimId: 'claim',
          stance: 'REFUTES',
          author: 'thread commenter',
          text: "Anthropic buying SpaceX's compute doesn't have any related-party smell to it.",
        },
        citations: [cite('techmeme-260520-p50')],
        occurredOn: null,
      });
  });

  it("Given a rebuttal, When rebutting it, Then the root is the target's root claim", () => {
    const target = rebuttalRow('r-1', 'claim', 'SUPPORTS', '2', { rootClaimId: 'root-claim' });
    const event = given({ known: { ...known, 'r-1': 'REBUTTAL' }, target })
      .when(postRebuttal({ id: 'r-2', targetId: 'r-1', occurredOn: '2026-06-07' }))
      .thenEvent();
    expect(event).toMatchObject({
      type: 'REBUTTAL_POSTED',
      streamId: 'r-2',
      data: { targetId: 'r-1', rootClaimId: 'root-claim' },
      occurredOn: '2026-06-07',
    });
  });

  it('Given an unknown target, Then NOT_FOUND on input.targetId', () => {
    given({ known }).when(postRebuttal()).thenThrows('NOT_FOUND', ['input.targetId']);
  });

  it('Given the target is a company, Then BAD_USER_INPUT on input.targetId', () => {
    given({ known }).when(postRebuttal({ targetId: 'xai' })).thenThrows('BAD_USER_INPUT', ['input.targetId']);
  });

  it('Given the rebuttal id is taken, Then ALREADY_EXISTS', () => {
    given({ known: { ...known, claim: 'CLAIM', 'r-no-related-party-smell': 'REBUTTAL' }, target: claimRow('claim') })
      .when(postRebuttal())
      .thenThrows('ALREADY_EXISTS');
  });

  it('When the text is blank and there is no citation, Then BAD_USER_INPUT on both', () => {
    given({ known: { ...known, claim: 'CLAIM' }, target: claimRow('claim') })
      .when(postRebuttal({ text: '  ', citations: [] }))
      .thenThrows('BAD_USER_INPUT', ['input.text', 'input.citations']);
  });

  it('When the text is 10,000 characters outside the Basic Multilingual Plane (20,000 UTF-16 units), Then it is within the limit, and one more is over it', () => {
    const emoji = '\u{1F600}';
    expect(emoji.repeat(MAX_LONG_TEXT).length).toBe(2 * MAX_LONG_TEXT);
    const event = given({ known: { ...known, claim: 'CLAIM' }, target: claimRow('claim') })
      .when(postRebuttal({ text: emoji.repeat(MAX_LONG_TEXT) }))
      .thenEvent();
    expect(event.type).toBe('REBUTTAL_POSTED');
    given({ known: { ...known, claim: 'CLAIM' }, target: claimRow('claim') })
      .when(postRebuttal({ text: emoji.repeat(MAX_LONG_TEXT + 1) }))
      .thenThrows('BAD_USER_INPUT', ['input.text']);
  });

  it('When the text is over 10,000 characters, Then BAD_USER_INPUT on input.text', () => {
    given({ known: { ...known, claim: 'CLAIM' }, target: claimRow('claim') })
      .when(postRebuttal({ text: 't'.repeat(MAX_LONG_TEXT + 1) }))
      .thenThrows('BAD_USER_INPUT', ['input.text']);
  });
});
