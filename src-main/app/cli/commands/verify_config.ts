import { openConfigContext, runVerifyConfig } from '../../../config';
import type { Finding } from '../../../../src-shared/ipc/config_verify';
import type { CliCommand } from '../command';

const labels = { 'global-config': 'global settings', 'trust-anchor': 'trust anchor', 'tls-profile': 'TLS profile', 'cmp-server': 'CMP server', 'server-group': 'server group', 'cmp-profile': 'CMP profile', 'certificate-record': 'certificate record', certificate: 'certificate', transaction: 'transaction' } as const;

function describe(f: Finding): string[] {
  const what = f.object.kind === 'global-config' ? labels['global-config'] : `${labels[f.object.kind]} "${f.object.name}"`;
  return [`${f.severity.toUpperCase().padEnd(7)} ${what}: ${f.problem} [${f.check}]`, `        fix: ${f.fix}`];
}

/** reference/000's verify-config: every finding with its object and fix; exit 1 when any is an error. */
export const verifyConfigCommand: CliCommand = {
  name: 'verify-config',
  summary: 'Check the CMP configuration and list what is wrong and how to fix it (exit 1 on errors)',
  usage: '[--json]',
  options: { json: { type: 'boolean' } },
  async run({ values, context }) {
    const config = openConfigContext(context.dataPaths.dataDir);
    try {
      const report = await runVerifyConfig(config);
      if (values.json) {
        context.output.out(JSON.stringify(report, null, 2));
      } else {
        for (const f of report.findings) describe(f).forEach((line) => context.output.out(line));
        context.output.out(`${report.counts.error} errors, ${report.counts.warning} warnings, ${report.counts.info} notes`);
      }
      return report.counts.error > 0 ? 1 : 0;
    } finally {
      config.close();
    }
  },
};
