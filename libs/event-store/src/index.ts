export * from './database/prisma';
export * from './event-records';
export * from './event-store';
export * from './hashing';
export * from './ledger-audit';
export * from './ledger-reader';
export * from './projection-tables';
