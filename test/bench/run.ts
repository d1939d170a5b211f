// Entry point of `npm run bench`. Benchmarks of the protocol and lifecycle code will be registered
// here as they are written; until then this says so and succeeds.
process.stdout.write('cmp-desk bench: no benchmark exists yet.\n');
