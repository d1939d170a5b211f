import { randomBytes } from 'node:crypto';
import { LabCa } from '../../../labca';
import { createLabConfiguration, openLifecycle } from '../../../lifecycle';
import { parseValidity, wellKnownCmpPath } from '../../../labca';
import { freeLoopbackPort } from '../lifecycle/free_port';
import { labFolder, readLabMode, writeLabMode } from '../lifecycle/lab_mode';
import { CliUsageError, type CliCommand } from '../command';

/** `lab init`: a lab CA in DIR/labca and a complete profile chain with N records, ready for `run`. */
export const labCommand: CliCommand = {
  name: 'lab',
  summary: 'Set up a lab CA in the data folder with a complete CMP profile chain and N records (lab init)',
  usage: 'init [--records N] [--validity 30d] [--renew-before-days 7]',
  options: { records: { type: 'string' }, validity: { type: 'string' }, 'renew-before-days': { type: 'string' } },
  async run({ values, positionals, context }) {
    if (positionals[0] !== 'init' || positionals.length !== 1) throw new CliUsageError('expected "lab init"', 'lab');
    const dataDir = context.dataPaths.dataDir;
    if (readLabMode(dataDir) !== null) throw new CliUsageError(`${dataDir} already has a lab CA; use a new data folder`, 'lab');
    const records = Number(values.records ?? 3);
    const renewBeforeExpiryDays = Number(values['renew-before-days'] ?? 7);
    if (!Number.isInteger(records) || records < 0 || records > 10_000) throw new CliUsageError('--records must be a whole number from 0 to 10000', 'lab');
    if (!Number.isInteger(renewBeforeExpiryDays) || renewBeforeExpiryDays < 0) throw new CliUsageError('--renew-before-days must be a whole number >= 0', 'lab');
    const validitySeconds = parseValidity((values.validity as string | undefined) ?? '30d', '--validity');
    const port = await freeLoopbackPort();
    const reference = 'lab';
    const secret = randomBytes(24).toString('base64url');
    const lab = await LabCa.start({ dir: labFolder(dataDir), http: false });
    const rootDer = lab.store.root.der;
    const fingerprint = lab.rootFingerprintSha256;
    await lab.stop();
    const life = await openLifecycle({ dataDir, notifier: { notify: () => undefined } });
    try {
      const config = await createLabConfiguration(life.store, life.iaks, {
        rootCertificateDer: rootDer,
        cmpUrls: [`http://127.0.0.1:${port}${wellKnownCmpPath}`],
        reference,
        secret: new Uint8Array(Buffer.from(secret, 'utf8')),
        renewBeforeExpiryDays,
        records,
      });
      writeLabMode(dataDir, { port, reference, cmpProfileId: config.profile.id, validitySeconds });
      context.output.out(`lab CA: ${labFolder(dataDir)} (root SHA-256 ${fingerprint}), CMP at http://127.0.0.1:${port}${wellKnownCmpPath}`);
      context.output.out(`CMP profile "lab" (renew ${renewBeforeExpiryDays} days before expiry, certificates valid ${values.validity ?? '30d'}), ${config.records.length} records: ${config.records.map((r) => r.name).join(', ')}`);
      context.output.out('next: cmp-desk --data-dir ' + dataDir + ' run --until-idle');
    } finally {
      life.close();
    }
    return 0;
  },
};
