/**
 * A stand-in for Wikipedia and Wikimedia on 127.0.0.1, for the online-lookup tests: an HTTPS
 * server (with a test-only certificate, which Chromium is told to accept) that serves recorded
 * summaries in the REST API's response shape and records every request it gets. Chromium reaches
 * it through host resolver rules, so the extension's code uses the real addresses unchanged.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './pack-sources';

const FIXTURES = join(ROOT, 'e2e', 'fixtures');

export interface SeenRequest {
  host: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface WikiFixtureServer {
  port: number;
  requests: SeenRequest[];
  /** The Chromium switches that send every host but 127.0.0.1 to this server. */
  chromiumArgs: string[];
  close(): Promise<void>;
}

export async function startWikiFixtures(): Promise<WikiFixtureServer> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer(
    {
      key: readFileSync(join(FIXTURES, 'tls', 'key.pem')),
      cert: readFileSync(join(FIXTURES, 'tls', 'cert.pem')),
    },
    (request, response) => {
      const host = (request.headers.host ?? '').replace(/:\d+$/, '');
      const path = decodeURIComponent(request.url ?? '/');
      requests.push({ host, path, headers: request.headers });
      const wikipedia = /^([a-z]+)\.wikipedia\.org$/.exec(host);
      const url = new URL(request.url ?? '/', 'https://localhost');
      if (wikipedia && url.pathname === '/w/rest.php/v1/search/title') {
        const file = join(FIXTURES, 'wikipedia', wikipedia[1]!, 'search', `${url.searchParams.get('q') ?? ''}.json`);
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end(existsSync(file) ? readFileSync(file) : JSON.stringify({ pages: [] }));
        return;
      }
      const summary = wikipedia;
      const title = /^\/api\/rest_v1\/page\/summary\/(.+)$/.exec(path)?.[1];
      if (summary && title) {
        const file = join(FIXTURES, 'wikipedia', summary[1]!, `${title.replace(/[^\p{L}\p{N}_-]/gu, '')}.json`);
        if (existsSync(file)) {
          response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          response.end(readFileSync(file));
        } else {
          // The API's own answer for a missing page.
          response.writeHead(404, { 'content-type': 'application/problem+json' });
          response.end(
            JSON.stringify({
              type: 'https://mediawiki.org/wiki/HyperSwitch/errors/not_found',
              title: 'Not found.',
              method: 'get',
              uri: path,
            }),
          );
        }
        return;
      }
      if (host === 'upload.wikimedia.org') {
        response.writeHead(200, { 'content-type': 'image/png' });
        response.end(readFileSync(join(FIXTURES, 'wikipedia', 'thumbnail.png')));
        return;
      }
      response.writeHead(404);
      response.end();
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    chromiumArgs: [`--host-resolver-rules=MAP * 127.0.0.1:${port}, EXCLUDE 127.0.0.1`, '--ignore-certificate-errors'],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
