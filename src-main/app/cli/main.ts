import { runCli } from './cli';

/** Entry point of the headless CLI (bundled to dist/cli.mjs; bin/cmp-desk.mjs loads it). */
process.exitCode = await runCli(process.argv.slice(2), {
  output: {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
});
