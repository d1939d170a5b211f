import { readFile, stat } from 'node:fs/promises';
import { colonHex, MAX_PEM_BUNDLE_BYTES } from '../../../pki';
import { openConfigContext } from '../../../config';
import { CliUsageError, type CliCommand } from '../command';

/**
 * `trust import FILE [--name NAME]`: PEM, DER or PKCS#7; prints subject and SHA-256 fingerprint of
 * each certificate for out-of-band comparison. `trust list [--json]`: the trust anchors.
 */
export const trustCommand: CliCommand = {
  name: 'trust',
  summary: 'Import CA certificates as trust anchors (PEM, DER, PKCS#7) or list them',
  usage: 'import FILE [--name NAME] | list [--json]',
  options: { name: { type: 'string' }, json: { type: 'boolean' } },
  async run({ positionals, values, context }) {
    const [action, file, ...rest] = positionals;
    if (rest.length > 0) throw new CliUsageError(`unexpected argument "${rest[0]}"`, 'trust');
    if (action !== 'import' && action !== 'list') throw new CliUsageError('trust needs "import FILE" or "list"', 'trust');
    if (action === 'import' && file === undefined) throw new CliUsageError('trust import needs the FILE to read', 'trust');
    const config = openConfigContext(context.dataPaths.dataDir);
    const out = context.output;
    try {
      if (action === 'import') {
        const size = (await stat(file)).size;
        if (size > MAX_PEM_BUNDLE_BYTES) throw new Error(`${file} is ${size} bytes; a trust anchor file is at most ${MAX_PEM_BUNDLE_BYTES}`);
        const results = config.service.importTrustAnchors(new Uint8Array(await readFile(file)), values.name as string | undefined);
        for (const r of results) {
          out.out(`${r.status === 'imported' ? 'imported' : 'already present'}: "${r.anchor.name}" (${r.selfSigned ? 'root' : 'issuing CA'})`);
          out.out(`  subject:   ${r.anchor.subject}`);
          out.out(`  SHA-256:   ${r.sha256Fingerprint}`);
          out.out(`  valid to:  ${r.anchor.notAfter}`);
        }
        out.out('Compare the SHA-256 fingerprints with the ones your CA published before relying on them.');
        return 0;
      }
      const anchors = config.service.listTrustAnchors();
      if (values.json) {
        out.out(JSON.stringify(anchors.map(({ certificateDer: _der, ...rest }) => rest), null, 2));
      } else {
        for (const a of anchors) out.out(`${a.name}\n  subject:   ${a.subject}\n  SHA-256:   ${colonHex(Buffer.from(a.sha256Fingerprint, 'hex'))}\n  valid to:  ${a.notAfter}`);
        out.out(`${anchors.length} trust anchors`);
      }
      return 0;
    } finally {
      config.close();
    }
  },
};
