/** What the scale benchmark and its client processes tell each other (bench/scale/clientProcess.ts). */
export interface ClientProcessConfig {
  serverUrl: string;
  tps: number;
  /** How many of this process's devices push at the same time. */
  atOnce: number;
  /** The kecamatan this process's devices write: its index and one chair code per device. */
  kecamatan: { index: number; codes: string[] }[];
}

export interface ClientReady {
  type: 'ready';
  /** Ops in the devices' outboxes. */
  queued: number;
}

export interface ClientDone {
  type: 'done';
  acknowledged: number;
  /** Milliseconds of every push request. */
  latencies: number[];
  retries: number;
}
