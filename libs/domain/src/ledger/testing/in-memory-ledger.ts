/**
 * A tiny in-memory command handler for specs: looks up `known` and the target from the projected
 * rows, decides, records the event (dense positions, stream versions, a fixed test clock), and
 * applies the inline projections. It mirrors what the event store does, without Postgres.
 */
import { concurrencyConflict } from '../../shared/errors';
import type { LedgerCommand } from '../commands';
import { decide, expectedVersionOf, referencedIds, streamIdOf, targetIdOf } from '../decide';
import type { TargetRow } from '../decision-state';
import type { EntityKind } from '../entities';
import type { RecordedEvent } from '../events';
import { applyToTables, emptyProjectionTables, type ProjectionName, type ProjectionTables } from '../projections';
import { recorded } from './decider-spec';

const KIND_OF_PROJECTION: Readonly<Record<ProjectionName, EntityKind>> = {
  sources: 'SOURCE',
  companies: 'COMPANY',
  deals: 'DEAL',
  claims: 'CLAIM',
  rebuttals: 'REBUTTAL',
  people: 'PERSON',
  talent_moves: 'TALENT_MOVE',
};

/** The test clock: 2026-06-06T00:00:00.000Z plus one second per position. */
export const TEST_EPOCH_MS = Date.UTC(2026, 5, 6);

export function testRecordedAt(position: number): string {
  return new Date(TEST_EPOCH_MS + position * 1000).toISOString();
}

export class InMemoryLedger {
  private recordedEvents: RecordedEvent[] = [];
  private projectionTables: ProjectionTables = emptyProjectionTables();
  private readonly streamVersions = new Map<string, number>();

  get events(): readonly RecordedEvent[] {
    return this.recordedEvents;
  }

  get tables(): ProjectionTables {
    return this.projectionTables;
  }

  kindOf(id: string): EntityKind | undefined {
    for (const [projection, kind] of Object.entries(KIND_OF_PROJECTION) as [ProjectionName, EntityKind][]) {
      if (this.projectionTables[projection].has(id)) return kind;
    }
    return undefined;
  }

  rowOf(id: string): TargetRow | null {
    return (
      this.projectionTables.deals.get(id) ??
      this.projectionTables.claims.get(id) ??
      this.projectionTables.rebuttals.get(id) ??
      this.projectionTables.talent_moves.get(id) ??
      null
    );
  }

  execute(command: LedgerCommand): RecordedEvent {
    const known = new Map<string, EntityKind>();
    for (const id of referencedIds(command)) {
      const kind = this.kindOf(id);
      if (kind !== undefined) known.set(id, kind);
    }
    const targetId = targetIdOf(command);
    const target = targetId === null ? null : this.rowOf(targetId);
    const event = decide(command, { known, target });

    const streamId = streamIdOf(command);
    const actualVersion = this.streamVersions.get(streamId) ?? 0;
    const expectedVersion = expectedVersionOf(command);
    if (expectedVersion !== null && expectedVersion !== actualVersion) {
      throw concurrencyConflict(streamId, expectedVersion, actualVersion);
    }
    const position = this.recordedEvents.length + 1;
    const recordedEvent = recorded(event, {
      position,
      version: actualVersion + 1,
      recordedAt: testRecordedAt(position),
    });
    this.streamVersions.set(streamId, actualVersion + 1);
    this.recordedEvents = [...this.recordedEvents, recordedEvent];
    this.projectionTables = applyToTables(this.projectionTables, recordedEvent);
    return recordedEvent;
  }

  executeAll(commands: readonly LedgerCommand[]): RecordedEvent[] {
    return commands.map((command) => this.execute(command));
  }
}
