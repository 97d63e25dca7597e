import * as fs from 'node:fs';
import * as path from 'node:path';
import { redactUrl, repoRoot, resolveDatabase, validateDatabaseUrl, withDatabase } from './database-url';

describe('resolveDatabase', () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });

  it('Given DATABASE_URL is set, When resolving, Then it is used as is and stop() is a no-op', async () => {
    process.env.DATABASE_URL = 'postgresql://app:secret@db.example:5432/ledger?sslmode=require';

    const db = await resolveDatabase();

    expect(db).toMatchObject({ url: process.env.DATABASE_URL, embedded: false });
    await expect(db.stop()).resolves.toBeUndefined();
  });

  it.each(['not a url', 'mysql://root@localhost/ledger', 'http://localhost:5432/ledger', 'postgresql://localhost:5432/'])(
    'Given DATABASE_URL=%j, When resolving, Then it fails naming DATABASE_URL',
    async (value) => {
      process.env.DATABASE_URL = value;
      await expect(resolveDatabase()).rejects.toThrow(/^DATABASE_URL /);
    },
  );

  it('accepts both postgres:// and postgresql://', () => {
    expect(validateDatabaseUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
    expect(validateDatabaseUrl('postgresql://u:p@127.0.0.1:5433/ledger')).toBe('postgresql://u:p@127.0.0.1:5433/ledger');
  });
});

describe('URL helpers', () => {
  it('finds the repository root from the TypeScript sources', () => {
    expect(fs.existsSync(path.join(repoRoot(), 'jest.config.cjs'))).toBe(true);
    expect(fs.existsSync(path.join(repoRoot(), 'prisma', 'migrations'))).toBe(true);
  });

  it('switches the database and masks the password', () => {
    expect(withDatabase('postgresql://u:p@h:1/a?sslmode=disable', 'b')).toBe('postgresql://u:p@h:1/b?sslmode=disable');
    expect(redactUrl('postgresql://u:p@h:1/a')).toBe('postgresql://u:***@h:1/a');
  });
});
