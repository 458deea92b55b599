/** Upper bounds of the latency buckets, seconds (Prometheus convention). */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800];

class Histogram {
  readonly counts: number[];
  sum = 0;
  count = 0;
  readonly bounds: readonly number[];
  constructor(bounds: readonly number[]) {
    this.bounds = bounds;
    this.counts = new Array(bounds.length).fill(0);
  }
  observe(x: number): void {
    this.sum += x;
    this.count += 1;
    for (let i = 0; i < this.bounds.length; i++) if (x <= this.bounds[i]) this.counts[i] += 1;
  }
}

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * The service's metrics, in memory, written as Prometheus text: request counts and
 * latencies by route, plan job durations by outcome. Labels use the route pattern
 * (`/v1/plans/:id`), never the raw URL, so their number stays bounded.
 */
export class Metrics {
  readonly #requests = new Map<string, { method: string; route: string; status: number; n: number }>();
  readonly #latency = new Map<string, { method: string; route: string; h: Histogram }>();
  readonly #jobs = new Map<string, Histogram>();

  request(method: string, route: string, status: number, seconds: number): void {
    const k = `${method} ${route} ${status}`;
    const r = this.#requests.get(k) ?? { method, route, status, n: 0 };
    r.n += 1;
    this.#requests.set(k, r);
    const lk = `${method} ${route}`;
    const l = this.#latency.get(lk) ?? { method, route, h: new Histogram(BUCKETS) };
    l.h.observe(seconds);
    this.#latency.set(lk, l);
  }

  job(outcome: 'succeeded' | 'failed', seconds: number): void {
    const h = this.#jobs.get(outcome) ?? new Histogram(JOB_BUCKETS);
    h.observe(seconds);
    this.#jobs.set(outcome, h);
  }

  /** Prometheus text exposition format 0.0.4. */
  text(gauges: Record<string, number> = {}): string {
    const out: string[] = [];
    out.push('# HELP http_requests_total Requests answered, by method, route pattern and status.', '# TYPE http_requests_total counter');
    for (const r of this.#requests.values()) out.push(`http_requests_total{method="${r.method}",route="${label(r.route)}",status="${r.status}"} ${r.n}`);
    out.push('# HELP http_request_duration_seconds Time to answer, by method and route pattern.', '# TYPE http_request_duration_seconds histogram');
    for (const l of this.#latency.values()) histogram(out, 'http_request_duration_seconds', `method="${l.method}",route="${label(l.route)}"`, l.h);
    out.push('# HELP plan_job_duration_seconds Time a plan job ran, by outcome.', '# TYPE plan_job_duration_seconds histogram');
    for (const [outcome, h] of this.#jobs) histogram(out, 'plan_job_duration_seconds', `outcome="${outcome}"`, h);
    for (const [name, value] of Object.entries(gauges)) out.push(`# TYPE ${name} gauge`, `${name} ${value}`);
    return `${out.join('\n')}\n`;
  }
}

function histogram(out: string[], name: string, labels: string, h: Histogram): void {
  h.bounds.forEach((b, i) => out.push(`${name}_bucket{${labels},le="${b}"} ${h.counts[i]}`));
  out.push(`${name}_bucket{${labels},le="+Inf"} ${h.count}`, `${name}_sum{${labels}} ${h.sum}`, `${name}_count{${labels}} ${h.count}`);
}
