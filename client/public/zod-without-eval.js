// Zod compiles object schemas with `new Function` when allowed, probing for it as each object
// schema is built. Under our Content-Security-Policy (no 'unsafe-eval') the probe is refused and
// reported as a violation. This classic script runs before the bundled modules (which build the
// protocol schemas as they load) and sets zod's global configuration to `jitless` first.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
