import type { Config } from '../config.ts';

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
}

export interface Command {
  readonly usage: string;
  run(args: string[], context: { config: Config; io: CommandIo }): Promise<number>;
}

export class UsageError extends Error {}
