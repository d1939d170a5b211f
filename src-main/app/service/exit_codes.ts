/**
 * Exit codes of `cmp-desk run` and the other service commands. Documented in the README and in
 * `cmp-desk run --help`; the systemd unit tells systemd not to restart on the ones a restart
 * cannot fix (usage, lock held, data folder).
 */
export const serviceExitCodes = {
  /** Stopped as asked (SIGTERM/SIGINT, or --once / --until-idle finished). */
  stopped: 0,
  /** An unexpected error; the log says which. */
  failed: 1,
  /** The command line is wrong. */
  usage: 2,
  /** Another cmp-desk (desktop app or service) runs the scheduler on this data folder. */
  schedulerLockHeld: 3,
  /** The data folder or its database cannot be opened (permissions, newer schema, corrupt file). */
  dataFolderUnavailable: 4,
  /** The --metrics address is not loopback, or its port is taken. */
  metricsUnavailable: 5,
  /** A second SIGTERM/SIGINT, or the end of the grace period, cut the graceful stop short; the journal resumes the exchanges next start. */
  forcedStop: 6,
} as const;

export type ServiceExitCode = (typeof serviceExitCodes)[keyof typeof serviceExitCodes];

/** The lines `--help` and the README print, in code order. */
export const serviceExitCodeHelp: readonly string[] = [
  '  0  stopped as asked (SIGTERM/SIGINT, or --once/--until-idle finished)',
  '  1  unexpected error (see the log)',
  '  2  wrong command line',
  '  3  another cmp-desk runs the scheduler on this data folder (the message names it)',
  '  4  the data folder or its database cannot be opened',
  '  5  the --metrics address is not loopback or its port is taken',
  '  6  the stop did not wait for every exchange: a second stop signal, or --stop-grace ran out (the journal resumes them)',
];
