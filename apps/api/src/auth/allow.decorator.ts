import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const ALLOW_METADATA = 'ledger:allow';

/** A fixed grant, or one chosen from the field's raw arguments (node(id): entity or event). */
export type AccessRule = Role | ((args: Readonly<Record<string, unknown>>) => Role);

/**
 * The grant a root Query, Mutation or Subscription field needs; AccessGuard enforces it. A root
 * field without @Allow is refused to every token (and the access e2e spec fails).
 */
export const Allow = (rule: AccessRule): MethodDecorator => SetMetadata(ALLOW_METADATA, rule);
