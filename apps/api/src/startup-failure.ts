/**
 * Ends a process that cannot start with one line for the person at the terminal: what is wrong
 * and what to do. No stack trace: the line is the whole story.
 */
export function exitWithStartupFailure(line: string, exitCode = 1): never {
  process.stderr.write(`relais: ${line}\n`);
  process.exit(exitCode);
}

export function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

export function addressInUseLine(host: string, port: number): string {
  return `Port ${port} on ${host} is already in use: stop what listens on it, or set PORT to a free port.`;
}

/** Messages the API sends its launcher over the IPC channel. */
export interface ApiReadyMessage {
  readonly type: 'relais:ready';
  readonly graphqlUrl: string;
  readonly port: number;
}
