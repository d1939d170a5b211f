import { CliUsageError, type CliCommand } from '../command';
import { readCmpCommandLine, cmpOptionSpec, cmpUsage, type CmpCommandLine } from '../cmp/cmp_options';
import { readCmpInputs, type CmpInputs } from '../cmp/cmp_inputs';
import { answerExtraCerts, runCmpTransaction, type CmpOutcome } from '../cmp/cmp_transaction_runner';
import { failureLine } from '../cmp/failure_line';
import { writeCertificates, writePrivateKey } from '../cmp/output_files';
import { progressLine, resultLines } from '../cmp/result_report';
import { readCaCerts, findAnswer } from '../../../cmp/messages/general_messages';
import { id_it_caCerts } from '../../../cmp/asn1/object_identifiers';
import type { ParsedCertificate } from '../../../pki';

/** Writes the files the command line asked for; returns them as "option file" for the report. */
async function writeOutputs(line: CmpCommandLine, inputs: CmpInputs, outcome: CmpOutcome, extraCerts: ParsedCertificate[]): Promise<string[]> {
  const written: string[] = [];
  const { cert, chain, caCerts, extraCerts: extraCertsFile } = line.outputs;
  const certificates = async (option: string, file: string | undefined, list: ParsedCertificate[]) => {
    if (file === undefined) return;
    await writeCertificates(option, file, list);
    written.push(`${option} ${file} (${list.length} certificate${list.length === 1 ? '' : 's'})`);
  };
  if (outcome.kind === 'enrolled') {
    const { certificate, chain: path, caPubs } = outcome.result;
    await certificates('--certout', cert, [certificate]);
    await certificates('--chainout', chain, path.slice(1));
    await certificates('--cacertsout', caCerts, caPubs);
    if (line.newKeyOut && inputs.newKey && inputs.newKeyGenerated) {
      await writePrivateKey('--newkeyout', line.newKeyOut, inputs.newKey.privateKey);
      written.push(`--newkeyout ${line.newKeyOut} (private key, mode 0600)`);
    }
  } else if (outcome.kind === 'answered') {
    const answer = findAnswer(outcome.answers, id_it_caCerts);
    if (answer) await certificates('--cacertsout', caCerts, readCaCerts(answer));
  }
  await certificates('--extracertsout', extraCertsFile, extraCerts);
  return written;
}

/** `cmp-desk cmp --cmd ir|cr|kur|p10cr|rr|genm …`: one CMP transaction from the command line, like `openssl cmp`. */
export const cmpCommand: CliCommand = {
  name: 'cmp',
  summary: 'Run one CMP transaction (ir, cr, kur, p10cr, rr, genm) against a CMP server, like openssl cmp',
  usage: cmpUsage,
  options: cmpOptionSpec,
  async run({ values, context }) {
    const { output } = context;
    const line = readCmpCommandLine(values);
    const verbose = line.verbose ? (text: string) => output.err(text) : undefined;
    try {
      const inputs = await readCmpInputs(line, process.env);
      const { outcome, recorder } = await runCmpTransaction(line, inputs, {
        onExchangeLine: verbose,
        onProgress: (event) => {
          const text = progressLine(event);
          if (text && verbose) verbose(text);
        },
      });
      const written = await writeOutputs(line, inputs, outcome, answerExtraCerts(recorder.responses));
      for (const text of resultLines(outcome, written)) output.out(text);
      return 0;
    } catch (error) {
      // A command line written wrongly goes back to the CLI, which prints it with the usage hint (exit 2).
      if (error instanceof CliUsageError) throw error;
      output.err(`cmp-desk cmp: ${failureLine(error)}`);
      return 1;
    }
  },
};
