// Splits a SQL script into its statements, so the migration runner can send one statement per round trip: Citus
// refuses some multi-statement query strings once tables are distributed (a utility command and DML in one string),
// and a failing statement is then named in the error. Knows the lexical forms that may hold a ';' without ending a
// statement: '…' (and E'…' with backslash escapes), "…", $tag$…$tag$ bodies, -- comments and nested /* */ comments.

/** The statements of `script`, trimmed, without their terminating ';' and without empty ones (comments kept). */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  const push = (end: number) => {
    const text = script.slice(start, end).trim();
    if (text && !isOnlyComments(text)) out.push(text);
  };
  while (i < n) {
    const ch = script[i];
    const next = script[i + 1];
    if (ch === '-' && next === '-') {
      const eol = script.indexOf('\n', i);
      i = eol === -1 ? n : eol + 1;
    } else if (ch === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (script[i] === '/' && script[i + 1] === '*') (depth++, (i += 2));
        else if (script[i] === '*' && script[i + 1] === '/') (depth--, (i += 2));
        else i++;
      }
    } else if (ch === "'") {
      // E'…' (escape string syntax): a backslash escapes the next character
      const escapes = i > 0 && /[eE]/.test(script[i - 1]) && (i < 2 || !/[\w$]/.test(script[i - 2]));
      i++;
      while (i < n) {
        if (escapes && script[i] === '\\') i += 2;
        else if (script[i] === "'" && script[i + 1] === "'") i += 2;
        else if (script[i] === "'") break;
        else i++;
      }
      i++;
    } else if (ch === '"') {
      i++;
      while (i < n) {
        if (script[i] === '"' && script[i + 1] === '"') i += 2;
        else if (script[i] === '"') break;
        else i++;
      }
      i++;
    } else if (ch === '$' && (i === 0 || !/[\w$]/.test(script[i - 1]))) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i));
      if (tag) {
        const close = script.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? n : close + tag[0].length;
      } else i++;
    } else if (ch === ';') {
      push(i);
      start = ++i;
    } else i++;
  }
  push(n);
  return out;
}

/** Called only on a piece that the scanner found to hold no ';' outside comments, strings or bodies. */
function isOnlyComments(text: string): boolean {
  return text.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim() === '';
}
