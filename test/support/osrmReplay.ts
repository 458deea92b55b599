import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** One recorded request and OSRM's answer to it. */
export interface Exchange {
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
}

export interface TestServer {
  readonly url: string;
  /** Paths asked, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A loopback HTTP server answering with `handler`; it counts the requests. */
export async function testServer(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<TestServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res, requests.length);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Answers recorded requests as OSRM answered them; an unrecorded one is a 599 naming it, so a test fails saying what it asked. */
export function replayServer(exchanges: readonly Exchange[]): Promise<TestServer> {
  const byPath = new Map(exchanges.map((e) => [e.path, e]));
  return testServer((req, res) => {
    const e = byPath.get(req.url ?? '');
    res.writeHead(e ? e.status : 599, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(e ? e.body : { code: 'NotRecorded', message: `no recorded answer for ${req.url}` }));
  });
}

/** Forwards every request to a real osrm-routed and keeps what it answered. */
export function recordingServer(target: string, into: Exchange[]): Promise<TestServer> {
  return testServer((req, res) => {
    void (async () => {
      const answer = await fetch(`${target}${req.url}`);
      const body = (await answer.json()) as unknown;
      into.push({ path: req.url ?? '', status: answer.status, body });
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    })();
  });
}
