import { z } from 'zod';

// The admin and the H5 run under a CSP without 'unsafe-eval', and the weapp forbids `new Function` outright: zod's
// compiled object parsers would try it (a CSP violation on every page) before falling back to the interpreter.
// Imported first by each client's entry; the server keeps the compiled parsers.
z.config({ jitless: true });
