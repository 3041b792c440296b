import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { allPlatformHosts } from '../lib/platforms';
import { loadFixtures, type Fixture } from './fixtures';
import { GENERATED_LIST_PARAM, generatedListPage } from './generated-list';

/**
 * The fixture server: serves fixture pages over HTTPS under the platforms' real host names, and
 * doubles as the demo platform. It binds 127.0.0.1 only. Browsers reach it through Chromium's
 * --host-resolver-rules, or through the CONNECT proxy below (Firefox).
 */
export const DEMO_HOST = 'start.truerate.test';
/** A collective's static host: its signed feed, and an address members may send contributions to. */
export const COLLECTIVE_HOST = 'feeds.collective.test';
/** The same collective on a host that lets no other origin read its files (no CORS header). */
export const COLLECTIVE_PRIVATE_HOST = 'members.collective.test';
/** Hosts the fixtures post to (MTurk's externalSubmit) without being platform pages. */
const EXTRA_HOSTS = ['www.mturk.com', 'example-survey.test', DEMO_HOST, COLLECTIVE_HOST, COLLECTIVE_PRIVATE_HOST];

/**
 * What the collective's host serves and was sent: tests set the feed file (served at /feed.json
 * with the header a static host such as GitHub Pages sends, letting any extension read it) and
 * read the contributions posted to /upload.
 */
export interface CollectiveHost {
  feed: string | null;
  uploads: string[];
  /** Requests for the feed, to tell that a fetch happened (and carried no cookie). */
  fetches: { cookie: string | undefined; referer: string | undefined }[];
}

export interface FixtureServer {
  /** HTTPS port, to map every host onto. */
  port: number;
  /** HTTP proxy port that answers CONNECT host:443 by piping to the HTTPS port (Firefox). */
  proxyPort: number;
  hosts: string[];
  /** base64 SHA-256 of the certificate's public key, for --ignore-certificate-errors-spki-list. */
  spki: string;
  /** Chromium flag mapping every served host to this server. */
  hostResolverRules: string;
  collective: CollectiveHost;
  close(): Promise<void>;
}

export async function startFixtureServer(opts: { port?: number } = {}): Promise<FixtureServer> {
  const hosts = [...new Set([...allPlatformHosts(), ...EXTRA_HOSTS])];
  const pems = await generate([{ name: 'commonName', value: 'TrueRate fixtures' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 2 * 24 * 3600 * 1000),
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: hosts.map((value) => ({ type: 2 as const, value })) },
    ],
  });
  const spki = createHash('sha256')
    .update(createPublicKey(pems.cert).export({ type: 'spki', format: 'der' }))
    .digest('base64');

  const fixtures = loadFixtures();
  const collective: CollectiveHost = { feed: null, uploads: [], fetches: [] };
  const https = createHttpsServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const host = (req.headers.host ?? '').split(':')[0];
    if (host === COLLECTIVE_HOST || host === COLLECTIVE_PRIVATE_HOST) serveCollective(req, res, collective, host === COLLECTIVE_HOST);
    else route(req, res, fixtures);
  });
  await listen(https, opts.port ?? 0);
  const port = (https.address() as AddressInfo).port;

  const proxy = createHttpServer((_req, res) => {
    res.writeHead(405).end('CONNECT only');
  });
  proxy.on('connect', (req: IncomingMessage, client, head: Buffer) => {
    const [host, targetPort] = (req.url ?? '').split(':');
    // Firefox also tries its own services through the proxy: refuse anything not ours.
    if (!host || !hosts.includes(host) || targetPort !== '443') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    // Either side ending ends the tunnel; a half-open tunnel would keep close() waiting forever.
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await listen(proxy, 0);
  const proxyPort = (proxy.address() as AddressInfo).port;

  return {
    port,
    proxyPort,
    hosts,
    spki,
    hostResolverRules: hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', '),
    collective,
    close: async () => {
      https.closeAllConnections();
      proxy.closeAllConnections();
      await Promise.all([close(https), close(proxy)]);
    },
  };
}

function serveCollective(req: IncomingMessage, res: ServerResponse, state: CollectiveHost, open: boolean): void {
  const path = new URL(req.url ?? '/', `https://${COLLECTIVE_HOST}`).pathname;
  const cors = open ? { 'access-control-allow-origin': '*', 'cache-control': 'no-store' } : { 'cache-control': 'no-store' };
  if (req.method === 'GET' && path === '/feed.json') {
    state.fetches.push({ cookie: req.headers.cookie, referer: req.headers.referer });
    if (state.feed === null) res.writeHead(404, cors).end();
    else res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(state.feed);
    return;
  }
  if (req.method === 'POST' && path === '/upload') {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      state.uploads.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(201, cors).end();
    });
    return;
  }
  res.writeHead(404, cors).end();
}

function route(req: IncomingMessage, res: ServerResponse, fixtures: Fixture[]): void {
  const host = (req.headers.host ?? '').split(':')[0] ?? '';
  const url = new URL(req.url ?? '/', `https://${host}`);
  const send = (status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      // Platform pages are served as pages, not as downloads; nothing else is needed.
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  };

  if (host === DEMO_HOST && url.pathname === '/') {
    send(200, 'text/html; charset=utf-8', demoStartPage(fixtures));
    return;
  }
  if (url.pathname.startsWith('/demo-assets/')) {
    const name = url.pathname.slice('/demo-assets/'.length);
    if (/^[a-z0-9-]+\.css$/.test(name)) {
      send(200, 'text/css', readFileSync(join(import.meta.dirname, 'assets', name)));
      return;
    }
  }
  if (host === 'www.mturk.com' && url.pathname === '/mturk/externalSubmit') {
    // The real endpoint records the answer and the top page moves on; here the frame says so.
    send(200, 'text/html; charset=utf-8', '<!doctype html><p>HIT submitted (demo).</p>');
    return;
  }
  const accepted = req.method === 'POST' ? acceptRedirect(fixtures, host, url) : undefined;
  if (accepted) {
    res.writeHead(303, { location: accepted }).end();
    return;
  }
  // The Return form posts (_method=delete) to the accepted task's own address; MTurk then shows
  // the list (docs/platforms.md#1-amazon-mechanical-turk, H for the form; the page after it is not in the facts).
  if (req.method === 'POST' && /mturk\.com$/.test(host) && /^\/projects\/[A-Z0-9]+\/tasks\/[A-Z0-9]+$/.test(url.pathname) && url.searchParams.has('assignment_id')) {
    res.writeHead(303, { location: `https://${host}/projects` }).end();
    return;
  }
  const offers = Number(url.searchParams.get(GENERATED_LIST_PARAM));
  if (host === 'worker.mturk.com' && url.pathname === '/projects' && Number.isInteger(offers) && offers > 0 && offers <= 500) {
    send(200, 'text/html; charset=utf-8', generatedListPage(offers));
    return;
  }
  const fixture = findFixture(fixtures, host, url);
  if (fixture) {
    send(200, 'text/html; charset=utf-8', fixture.html);
    return;
  }
  send(404, 'text/html; charset=utf-8', `<!doctype html><title>Not found</title><p>No fixture for ${escapeHtml(url.href)}</p>`);
}

/**
 * A fixture answers a request on its host and path whose query has every parameter the fixture's
 * URL has (so a preview and an accepted page of one HIT are told apart by assignment_id). Of two
 * with as many parameters, the one whose values match more wins: MTurk serves every HIT's frame
 * from the same /dynamic/hit address, told apart by hitId and assignmentId only.
 */
export function findFixture(fixtures: Fixture[], host: string, url: URL): Fixture | undefined {
  const candidates = fixtures.filter(
    (f) => f.url.hostname === host && f.url.pathname === url.pathname,
  );
  const keys = (f: Fixture) => [...f.url.searchParams.keys()].length;
  const same = (f: Fixture) => [...f.url.searchParams].filter(([k, v]) => url.searchParams.get(k) === v).length;
  return candidates
    .filter((f) => [...f.url.searchParams.keys()].every((k) => k === 'ref' || url.searchParams.has(k)))
    .sort((a, b) => keys(b) - keys(a) || same(b) - same(a))[0];
}

/**
 * MTurk's Accept button posts to /projects/G/tasks/H/accept (docs/platforms.md#1-amazon-mechanical-turk, M) and the site
 * answers with the accepted task page: here, the first "working" fixture of that group.
 */
function acceptRedirect(fixtures: Fixture[], host: string, url: URL): string | undefined {
  const match = /^\/projects\/([A-Z0-9]+)\/tasks\/[A-Z0-9]+\/accept$/.exec(url.pathname);
  if (!match) return undefined;
  return fixtures.find(
    (f) => f.url.hostname === host && f.kind === 'working' && f.url.pathname.startsWith(`/projects/${match[1]}/`),
  )?.url.href;
}

const KIND_ORDER = ['list', 'preview', 'working', 'submitted', 'returned', 'status', 'earnings', 'other'];

function demoStartPage(fixtures: Fixture[]): string {
  const platforms = [...new Set(fixtures.map((f) => f.platform))].sort();
  const sections = platforms
    .map((platform) => {
      const rows = fixtures
        .filter((f) => f.platform === platform && f.kind !== 'frame')
        .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.file.localeCompare(b.file))
        .map((f) => {
          const label = f.file.split('/').pop()?.replace(/\.html$/, '').replace(/-/g, ' ') ?? f.kind;
          return `<li><span class="kind">${escapeHtml(f.kind)}</span> <a href="${escapeHtml(f.url.href)}">${escapeHtml(label)}</a> <code>${escapeHtml(f.url.hostname)}</code></li>`;
        })
        .join('\n');
      return `<section><h2>${escapeHtml(platform)}</h2><ul>${rows}</ul></section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TrueRate demo platforms</title>
<link rel="stylesheet" href="/demo-assets/start.css"></head><body>
<h1>TrueRate demo platforms</h1>
<p>These pages are served from your own machine under the platforms' real host names; nothing here
reaches the real sites. Each is built from the public facts in TrueRate's <code>docs/platforms.md</code>.
Open a <b>working</b> page (an accepted task), then open the TrueRate popup from the toolbar.</p>
<div id="demo-pages">${sections}</div></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function listen(server: import('node:net').Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

function close(server: import('node:net').Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
