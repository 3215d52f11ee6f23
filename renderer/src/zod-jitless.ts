import { z } from 'zod';

// The contract's zod schemas reach the renderer when it imports a value (a list of kinds, say). Zod probes for
// eval support with `new Function('')` to compile fast parsers; the app's CSP forbids eval, so the probe shows up as
// a CSP violation. Jitless mode skips the probe. Imported first in main.tsx, before any schema is built.
z.config({ jitless: true });
