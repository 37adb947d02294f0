// A module opens one door, its index.ts, to the others (docs/architecture.md): a file of one module that imports a
// file inside another module fails here, so the doors stay the only way in. Tests may still reach their own module's
// inside and the shared fixtures below; production code may not.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const MODULES = join(__dirname, 'modules');
// Test helpers that several modules' tests share; they are not part of any module's behaviour.
const TEST_ONLY_INSIDES = new Set(['tours/test-fixtures', 'alerts/engine', 'auth/password', 'files/routes']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every module specifier of a file: static imports, re-exports and dynamic imports. */
function specifiersOf(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)) found.push(m[1]);
  return found;
}

/** The inside files of other modules a file imports ('' when it imports only doors and its own module). */
function insideImports(file: string, text: string): string[] {
  const own = relative(MODULES, file).split(sep)[0];
  return specifiersOf(text).flatMap((spec) => {
    if (!spec.startsWith('.')) return [];
    const target = relative(MODULES, normalize(join(dirname(file), spec))).split(sep).join('/');
    if (target.startsWith('..')) return [];
    const [module, ...rest] = target.split('/');
    if (module === own || rest.length === 0 || (rest.length === 1 && rest[0] === 'index')) return [];
    if (file.endsWith('.test.ts') && TEST_ONLY_INSIDES.has(target)) return [];
    return [`${relative(MODULES, file).split(sep).join('/')} → ${target}`];
  });
}

describe('module doors', () => {
  it('no module imports a file inside another module, only its index.ts', () => {
    const offences = sources(MODULES).flatMap((file) => insideImports(file, readFileSync(file, 'utf8')));
    expect(offences).toEqual([]);
  });

  it('the check sees static, re-exported, multi-line and dynamic imports into another module', () => {
    const file = join(MODULES, 'business', 'x.ts');
    const text = [
      "import { a } from '../reports/service';",
      "export { b } from '../calendar/calendar';",
      "import {\n  c,\n  d,\n} from '../../modules/tours/common';",
      "const e = await import('../sms/reporter-phone');",
      "import '../alerts/engine';",
      "import { ok } from '../reports';",
      "import { own } from './common';",
      "import { lib } from '../../lib/roles';",
    ].join('\n');
    expect(insideImports(file, text)).toEqual([
      'business/x.ts → reports/service',
      'business/x.ts → calendar/calendar',
      'business/x.ts → tours/common',
      'business/x.ts → sms/reporter-phone',
      'business/x.ts → alerts/engine',
    ]);
  });
});
