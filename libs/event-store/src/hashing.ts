import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { RecordedEvent } from '@ledger/domain/ledger/events';

/**
 * The content an event's hash covers, in RFC 8785 canonical JSON (sorted keys, no spaces):
 * position, id, streamId, version, type, schemaVersion, data, citations, occurredOn,
 * recordedAt (RFC 3339, milliseconds, UTC) and recordedBy.
 */
export function canonicalEventContent(event: RecordedEvent): string {
  const canonical = canonicalize(eventContent(event));
  if (canonical === undefined) throw new Error(`Event ${event.id} has no canonical form`);
  return canonical;
}

/** The fields an event's hash covers, as an object (canonicalEventContent serializes it). */
export function eventContent(event: RecordedEvent): Record<string, unknown> {
  return {
    position: event.position,
    id: event.id,
    streamId: event.streamId,
    version: event.version,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    citations: event.citations,
    occurredOn: event.occurredOn,
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
  };
}

/** hash = hex SHA-256 of (previous hash in hex, or "" for the first event) followed by the canonical content. */
export function chainHash(previousHash: string | null, event: RecordedEvent): string {
  return createHash('sha256')
    .update(previousHash ?? '')
    .update(canonicalEventContent(event))
    .digest('hex');
}

/** Fingerprint of a request for idempotency: hex SHA-256 of its canonical JSON. */
export function fingerprintOf(request: unknown): string {
  const canonical = canonicalize(request) ?? 'undefined';
  return createHash('sha256').update(canonical).digest('hex');
}
