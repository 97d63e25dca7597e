import type { Retract } from './commands';
import { given } from './testing/decider-spec';
import { claimRow, dealRow, rebuttalRow } from './testing/fixtures';
import type { TalentMoveRow } from '../people/read-model';

const retract = (overrides: Partial<Retract> = {}): Retract => ({
  type: 'retract',
  targetId: 'claim',
  reason: 'The source corrected its report',
  expectedVersion: null,
  ...overrides,
});

const move: TalentMoveRow = {
  id: 'move',
  version: 1,
  position: '3',
  createdPosition: '3',
  recordedAt: '2026-06-06T00:00:03.000Z',
  updatedAt: '2026-06-06T00:00:03.000Z',
  personId: 'clive-chan',
  fromCompanyId: 'openai',
  toCompanyId: null,
  role: null,
  announcedOn: null,
  citations: [],
  retracted: false,
  retractionReason: null,
};

describe('retract', () => {
  it('Given a claim, When retracting it, Then ENTRY_RETRACTED on its stream, without citations or date', () => {
    given({ known: { claim: 'CLAIM' }, target: claimRow('claim') })
      .when(retract())
      .then({
        type: 'ENTRY_RETRACTED',
        streamId: 'claim',
        data: { targetId: 'claim', targetKind: 'CLAIM', reason: 'The source corrected its report' },
        citations: [],
        occurredOn: null,
      });
  });

  it('Given a rebuttal or a talent move, Then targetKind says which', () => {
    const rebuttal = given({ known: { r: 'REBUTTAL' }, target: rebuttalRow('r', 'claim', 'REFUTES', '2') })
      .when(retract({ targetId: 'r' }))
      .thenEvent();
    expect(rebuttal).toMatchObject({ streamId: 'r', data: { targetKind: 'REBUTTAL' } });
    const retractedMove = given({ known: { move: 'TALENT_MOVE' }, target: move }).when(retract({ targetId: 'move' })).thenEvent();
    expect(retractedMove).toMatchObject({ streamId: 'move', data: { targetKind: 'TALENT_MOVE' } });
  });

  it('Given an unknown id, Then NOT_FOUND on input.targetId', () => {
    given().when(retract()).thenThrows('NOT_FOUND', ['input.targetId']);
  });

  it('Given a deal, a company or a source, Then BAD_USER_INPUT "cannot be retracted" on input.targetId', () => {
    const error = given({ known: { deal: 'DEAL' }, target: dealRow('deal', [], []) })
      .when(retract({ targetId: 'deal' }))
      .thenThrows('BAD_USER_INPUT', ['input.targetId']);
    expect(error.message).toContain('cannot be retracted');
    given({ known: { spacex: 'COMPANY' } }).when(retract({ targetId: 'spacex' })).thenThrows('BAD_USER_INPUT', ['input.targetId']);
    given({ known: { src: 'SOURCE' } }).when(retract({ targetId: 'src' })).thenThrows('BAD_USER_INPUT', ['input.targetId']);
  });

  it('Given an already retracted claim, Then BAD_USER_INPUT on input.targetId', () => {
    given({ known: { claim: 'CLAIM' }, target: claimRow('claim', { retracted: true, retractionReason: 'wrong' }) })
      .when(retract())
      .thenThrows('BAD_USER_INPUT', ['input.targetId']);
  });

  it('When the reason is blank, Then BAD_USER_INPUT on input.reason', () => {
    given({ known: { claim: 'CLAIM' }, target: claimRow('claim') })
      .when(retract({ reason: ' ' }))
      .thenThrows('BAD_USER_INPUT', ['input.reason']);
  });

  it('Given the claim is at version 2, When expecting version 1, Then CONCURRENCY_CONFLICT', () => {
    given({ known: { claim: 'CLAIM' }, target: claimRow('claim', { version: 2 }) })
      .when(retract({ expectedVersion: 1 }))
      .thenThrows('CONCURRENCY_CONFLICT');
  });
});
