import { describe, expect, it } from 'vitest';
import { listMigrations } from './migrate';
import { splitStatements } from './split-statements';

describe('splitStatements', () => {
  it('ends statements at semicolons outside strings, identifiers, dollar bodies and comments', () => {
    const script = `-- a comment; not a statement
CREATE TABLE "a;b" (x text DEFAULT 'it''s; fine');
INSERT INTO t VALUES (E'back\\'slash;', 'x'); /* block; /* nested; */ still */
CREATE FUNCTION f() RETURNS trigger AS $fn$ BEGIN RAISE NOTICE 'a;b'; RETURN NEW; END $fn$ LANGUAGE plpgsql;
DO $$ BEGIN PERFORM 1; END $$;
SELECT $1::text;
`;
    expect(splitStatements(script)).toEqual([
      `-- a comment; not a statement\nCREATE TABLE "a;b" (x text DEFAULT 'it''s; fine')`,
      `INSERT INTO t VALUES (E'back\\'slash;', 'x')`,
      `/* block; /* nested; */ still */\nCREATE FUNCTION f() RETURNS trigger AS $fn$ BEGIN RAISE NOTICE 'a;b'; RETURN NEW; END $fn$ LANGUAGE plpgsql`,
      `DO $$ BEGIN PERFORM 1; END $$`,
      `SELECT $1::text`,
    ]);
  });

  it('drops empty statements and trailing comments', () => {
    expect(splitStatements(';;\n-- only a comment\n')).toEqual([]);
    expect(splitStatements('SELECT 1;\n-- done\n')).toEqual(['SELECT 1']);
  });

  it('splits every migration into statements that each hold SQL (none cut inside a body)', async () => {
    for (const m of await listMigrations()) {
      const parts = splitStatements(m.sql);
      expect(parts.length, m.name).toBeGreaterThan(0);
      // a statement cut inside a dollar body or a string would leave an odd number of $$ or quotes behind
      for (const p of parts) expect((p.match(/\$\$/g) ?? []).length % 2, `${m.name}: ${p.slice(0, 80)}`).toBe(0);
    }
  });
});
