// zod compiles fast validators with `new Function` when it can, and probes for it on load; the
// page's CSP (no 'unsafe-eval') refuses that and reports a violation. Jitless mode never tries.
// Imported first, before any schema is built.
import { config } from 'zod';

config({ jitless: true });
