// hoodiecrow-imap ships no types: the little of it the IMAP poller's test uses.
declare module 'hoodiecrow-imap' {
  import type { Server } from 'node:net';

  interface HoodiecrowOptions {
    plugins?: string[];
    users?: Record<string, { password: string; xoauth2?: unknown }>;
    storage?: Record<string, { messages?: { raw: string; flags?: string[]; internaldate?: string }[] }>;
  }

  /** A scriptable in-memory IMAP4rev1 server (by the author of imapflow), for client tests. */
  interface HoodiecrowServer {
    listen(port: number, host: string, listening: () => void): void;
    close(closed?: () => void): void;
    /** The listening socket server, for its port. */
    server: Server;
  }

  export default function hoodiecrow(options?: HoodiecrowOptions): HoodiecrowServer;
}
