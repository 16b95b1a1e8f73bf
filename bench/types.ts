// The vocabulary of `npm run bench`: a measurement module produces figures; main.ts prints them in a table.

/** One line of the results table. */
export interface Figure {
  /** stable key, so a later module can compare against this figure */
  id: string;
  label: string;
  value: number;
  unit: string;
  /** value / (the figure named `of`), printed as a percentage */
  ratio?: { of: string; value: number };
  /** what the issue asks for, and whether this run met it */
  target?: { text: string; pass: boolean };
  /** anything else worth a line: sample size, checks made */
  detail?: string;
}

export interface BenchSettings {
  /** length of each measured window */
  seconds: number;
  /** length of the warm-up before each window */
  warmupSeconds: number;
  /** concurrent clients (connections) for the throughput and clone measurements */
  concurrency: number;
  /** write a V8 CPU profile of each server child into this directory */
  profileDir: string | undefined;
}

export interface BenchContext {
  settings: BenchSettings;
  /** a temp directory, removed after the run */
  workDir: string;
  /** the TLS certificate and key every HTTPS server in the run uses */
  tls: { certPath: string; keyPath: string };
  /** figures of modules that already ran, by id */
  figures: ReadonlyMap<string, Figure>;
  log(line: string): void;
}

/** One measurement; main.ts runs BENCH_MODULES (bench/modules.ts) in order. */
export interface BenchModule {
  name: string;
  /** a reason not to run (a missing optional piece); undefined when it can run */
  unavailable?(): Promise<string | undefined>;
  run(context: BenchContext): Promise<Figure[]>;
}

/** A correctness problem seen while measuring (lost clone, failed task): the run exits non-zero. */
export class BenchFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BenchFailure';
  }
}
