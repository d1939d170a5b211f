/**
 * A file or value the command line names could not be read or parsed (as opposed to a command
 * line written wrongly, which is a CliUsageError). The message names the option and the file.
 */
export class CmpInputError extends Error {
  override readonly name = 'CmpInputError';
}
