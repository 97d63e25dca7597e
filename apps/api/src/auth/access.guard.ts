import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { LedgerContext } from '../ledger/ledger-context';
import { authorize } from './access';
import { ALLOW_METADATA, type AccessRule } from './allow.decorator';

/**
 * The one place access is decided, for every root Query, Mutation and Subscription field (Nest runs
 * global guards on root resolvers and subscribe functions, not on nested field resolvers): the
 * field's @Allow rule against the request's Access (LedgerContext.access, resolved from the bearer
 * token or graphql-ws connectionParams). Non-GraphQL routes (health) are not its business.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const rule = this.reflector.get<AccessRule | undefined>(ALLOW_METADATA, context.getHandler());
    const required = rule === undefined ? null : typeof rule === 'function' ? rule(gql.getArgs<Record<string, unknown>>() ?? {}) : rule;
    const ledger = gql.getContext<Partial<LedgerContext>>();
    // A context that is not a LedgerContext (should not happen) gets no access at all.
    authorize(ledger.access ?? { kind: 'unauthenticated', reason: 'No credentials' }, required, `${info.parentType.name}.${info.fieldName}`);
    return true;
  }
}
