// The pure domain of the deal and claims ledger: events, commands, deciders, read-model evolve
// functions and derived values. Imports nothing of Nest, Prisma, GraphQL or our other libs.

export * from './shared/errors';
export * from './shared/values';
export * from './shared/validation';
export * from './shared/positions';

export * from './ledger/citations';
export * from './ledger/citation-rules';
export * from './ledger/commands';
export * from './ledger/entities';
export * from './ledger/events';
export * from './ledger/decision-state';
export * from './ledger/decide';
export * from './ledger/retract';
export * from './ledger/row-meta';
export * from './ledger/projections';

export * from './sources/events';
export * from './sources/commands';
export * from './sources/read-model';
export * from './sources/decide';
export * from './sources/evolve';

export * from './companies/events';
export * from './companies/commands';
export * from './companies/read-model';
export * from './companies/decide';
export * from './companies/evolve';

export * from './deals/events';
export * from './deals/commands';
export * from './deals/read-model';
export * from './deals/terms';
export * from './deals/decide';
export * from './deals/evolve';
export * from './deals/derived';

export * from './claims/events';
export * from './claims/commands';
export * from './claims/read-model';
export * from './claims/decide';
export * from './claims/evolve';
export * from './claims/derived';

export * from './people/events';
export * from './people/commands';
export * from './people/read-model';
export * from './people/decide';
export * from './people/evolve';
