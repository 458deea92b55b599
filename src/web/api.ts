/** What went wrong with a call, in words a planner can act on. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: unknown;
  constructor(status: number, code: string, message: string, body: unknown = undefined) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** A client of the public API with one key; every page action goes through it. */
export class Api {
  readonly key: string;
  constructor(key: string) {
    this.key = key;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.#fetch(method, path, body);
    const text = await res.text();
    const json = text === '' ? null : safeJson(text);
    if (!res.ok) {
      const e = (json ?? {}) as { code?: string; message?: string };
      throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? `${res.status} ${res.statusText}`, json);
    }
    return json as T;
  }

  get = <T>(path: string) => this.call<T>('GET', path);
  post = <T>(path: string, body: unknown = {}) => this.call<T>('POST', path, body);

  /** A file the API builds (exports): fetched with the key, handed to the browser as a download. */
  async download(path: string, name: string): Promise<void> {
    const res = await this.#fetch('GET', path);
    if (!res.ok) {
      const e = safeJson(await res.text()) as { code?: string; message?: string } | null;
      throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? res.statusText);
    }
    const url = URL.createObjectURL(await res.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: name });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** The raw answer of a streaming route (server-sent events). */
  stream(path: string, signal: AbortSignal): Promise<Response> {
    return this.#fetch('GET', path, undefined, signal);
  }

  async #fetch(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    try {
      return await fetch(path, {
        method,
        headers: { authorization: `Bearer ${this.key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
      });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      // fetch rejects only when no answer came at all: the service is down or unreachable.
      throw new ApiError(0, 'NETWORK', 'service unreachable');
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
