import type { CliCommand } from '../command';

/** Prints where the data and the logs live, and why that folder was chosen. */
export const pathsCommand: CliCommand = {
  name: 'paths',
  summary: 'Show the data and logs folders this installation uses',
  usage: '[--json]',
  options: { json: { type: 'boolean' } },
  async run({ values, context }) {
    const { dataDir, logsDir, source } = context.dataPaths;
    if (values.json) {
      context.output.out(JSON.stringify({ dataDir, logsDir, source }));
    } else {
      context.output.out(`data: ${dataDir}`);
      context.output.out(`logs: ${logsDir}`);
      context.output.out(`chosen by: ${source}`);
    }
    return 0;
  },
};
