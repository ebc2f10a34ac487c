import type { ServerKey } from './keys/serverKey.ts';
import type { Logger } from './http/log.ts';
import type { Notifier } from './events/notifier.ts';
import type { Device, Storage } from './storage/types.ts';

export interface AppOptions {
  storage: Storage;
  serverKey: ServerKey;
  /** The built PWA (dist/); without it the API still works and "/" explains how to build. */
  staticDir?: string | undefined;
  log: Logger;
  /** The clock (tests move it to expire codes). */
  now?: () => Date;
  /** Shared between apps on one process; a new one by default. */
  notifier?: Notifier;
  /** How often an open event stream re-reads the last seq (catches writes by other server processes). */
  eventsPollMs?: number;
  /** Comment lines that keep idle event streams open through proxies. */
  eventsHeartbeatMs?: number;
  /** Body limits in bytes. */
  pushBodyLimit?: number;
  bodyLimit?: number;
  /** Body limit of POST /api/kabupaten/summaries (a whole signed summary). */
  summaryImportBodyLimit?: number;
  /** How long an enrolment code stays usable. */
  codeTtlMs?: number;
  /** Extra CSP connect-src origins. */
  connectSrc?: readonly string[];
  /**
   * The address other devices in the hall reach this server at (PUBLIC_URL, or its LAN address),
   * put in enrolment links and QR codes; null when only localhost is known. Read per request: a
   * listener learns its port after the app is made.
   */
  publicUrl?: () => string | null;
}

export type AppEnv = {
  Variables: {
    device: Device | undefined;
    /** A short outcome for the request log line, e.g. "applied=3 conflict=1". */
    summary: string | undefined;
    /** Bytes the route's body may have, set in app.ts and read by jsonBody (http/body.ts). */
    bodyLimit: number | undefined;
  };
};

export interface Deps {
  storage: Storage;
  serverKey: ServerKey;
  log: Logger;
  now: () => Date;
  notifier: Notifier;
  codeTtlMs: number;
  publicUrl: () => string | null;
}
