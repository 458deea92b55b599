import type { ImportProblem, ProblemCount, ProblemKind } from './importError.ts';

/** Distinct (kind, column) counts kept per file; past it, counts drop the column (a hostile file's columns are unbounded). */
const COUNT_KEYS_PER_FILE = 64;

/**
 * One file's problems: the first `limit` kept in file order, every one counted by kind
 * and column. Memory stays bounded however many rows are wrong.
 */
export class FileProblems {
  readonly file: string;
  readonly #limit: number;
  #kept: ImportProblem[] = [];
  #total = 0;
  #counts = new Map<string, ProblemCount>();
  #failed = false;

  constructor(file: string, limit: number) {
    this.file = file;
    this.#limit = limit;
  }

  get total(): number {
    return this.#total;
  }

  /** True once a whole-file problem was reported: the file's other problems are dropped and no more are taken. */
  get failed(): boolean {
    return this.#failed;
  }

  get kept(): readonly ImportProblem[] {
    return this.#kept;
  }

  get counts(): ProblemCount[] {
    return [...this.#counts.values()];
  }

  add(p: ImportProblem): void {
    if (this.#failed) return;
    this.#total += 1;
    if (this.#kept.length < this.#limit) this.#kept.push(p);
    this.#count(p.kind ?? 'value', p.column ?? p.path?.split(/[.[]/)[0]);
  }

  /** A problem with the whole file: reported alone, once (a missing column is one message, not one per row). */
  fail(p: ImportProblem): void {
    if (this.#failed) return;
    this.#kept = [{ ...p, kind: 'file' }];
    this.#total = 1;
    this.#counts.clear();
    this.#count('file', undefined);
    this.#failed = true;
  }

  #count(kind: ProblemKind, column: string | undefined): void {
    let key = `${kind}\u0000${column ?? ''}`;
    if (!this.#counts.has(key) && column !== undefined && this.#counts.size >= COUNT_KEYS_PER_FILE) {
      column = undefined;
      key = `${kind}\u0000`;
    }
    const c = this.#counts.get(key);
    if (c) c.problems += 1;
    else this.#counts.set(key, { file: this.file, kind, ...(column === undefined ? {} : { column }), problems: 1 });
  }
}

/**
 * The problems of an upload, file by file. `report()` lists at most `limit` of them,
 * shared out so that every file with problems shows some (a million bad retailers do
 * not hide the one bad policy value), each file's in file order.
 */
export class ProblemLog {
  readonly #limit: number;
  readonly #files: FileProblems[] = [];

  constructor(limit = Infinity) {
    this.#limit = limit;
  }

  /** The log of one file; files are reported in the order they were first asked for. */
  file(name: string): FileProblems {
    let f = this.#files.find((x) => x.file === name);
    if (!f) {
      f = new FileProblems(name, this.#limit);
      this.#files.push(f);
    }
    return f;
  }

  get total(): number {
    return this.#files.reduce((n, f) => n + f.total, 0);
  }

  report(): { problems: ImportProblem[]; total: number; counts: ProblemCount[] } {
    const share = shareOut(this.#files.map((f) => f.kept.length), this.#limit);
    return {
      problems: this.#files.flatMap((f, i) => f.kept.slice(0, share[i])),
      total: this.total,
      counts: this.#files.flatMap((f) => f.counts),
    };
  }
}

/**
 * Slots for each file out of `limit`: the smallest demands are met in full, the rest
 * split evenly (water-filling).
 * @example shareOut([1000, 1, 3], 10) // [6, 1, 3]
 */
export function shareOut(demands: readonly number[], limit: number): number[] {
  const out = demands.map(() => 0);
  const order = demands.map((d, i) => ({ d, i })).sort((a, b) => a.d - b.d);
  let left = limit;
  order.forEach(({ d, i }, k) => {
    const fair = Math.floor(left / (order.length - k));
    out[i] = Math.min(d, fair === Infinity || Number.isNaN(fair) ? d : fair);
    left -= out[i];
  });
  return out;
}
