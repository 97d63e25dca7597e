// Prisma 7 configuration. The database URL is not needed to generate the client, and
// env() would throw on an unset DATABASE_URL, so it is read only when present.
// Migrations are applied by libs/event-store/src/database/migrations.ts (see README).
import path from 'node:path';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
