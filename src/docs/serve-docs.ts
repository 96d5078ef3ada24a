import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { TsdbtError } from '../errors/tsdbt-error.js';

/** Options of {@link serveDocs}. */
export interface ServeDocsOptions {
  /** The generated site folder (the one holding `index.html`). */
  readonly dir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Defaults to loopback so the docs are not exposed to the network by accident. */
  readonly host?: string;
}

/** A running docs server. */
export interface DocsServer {
  /** e.g. `http://127.0.0.1:8080/` */
  readonly url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves a generated docs site with `node:http`: GET/HEAD only, `/` is `index.html`,
 * nothing outside `dir` is reachable (`..` and encoded variants are refused), unknown
 * paths are 404.
 *
 * @example
 * const server = await serveDocs({ dir: 'target/docs', port: 8080 });
 * // ... later
 * await server.close();
 */
export async function serveDocs({ dir, port, host = '127.0.0.1' }: ServeDocsOptions): Promise<DocsServer> {
  const root = resolve(dir);
  const server = createServer((request, response) => {
    handle(root, request, response).catch(() => send(response, 500, 'Internal error'));
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      rejectListen(
        new TsdbtError({
          kind: 'runtime',
          message: `Cannot serve docs on ${host}:${port}: ${error.message}`,
          hint: error.code === 'EADDRINUSE' ? 'Pick another port with --port, or 0 for any free port.' : undefined,
          cause: error,
        }),
      ),
    );
    server.listen(port, host, () => resolveListen());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}/`,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

async function handle(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, 'Method not allowed');
    return;
  }
  const filePath = resolveRequestPath(root, request.url ?? '/');
  if (filePath === undefined) {
    send(response, 403, 'Forbidden');
    return;
  }
  const info = await stat(filePath).catch(() => undefined);
  if (!info?.isFile()) {
    send(response, 404, 'Not found');
    return;
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream',
    'content-length': info.size,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(filePath).pipe(response);
}

/** The file a URL path names, or undefined when it would escape `root` or is malformed. */
function resolveRequestPath(root: string, url: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
  // URL parsing already collapses `..`; a decoded `..`, backslash or NUL could still sneak through.
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.split('/').includes('..')) return undefined;
  const relative = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
  const filePath = resolve(join(root, relative));
  return filePath === root || filePath.startsWith(root + sep) ? filePath : undefined;
}

function send(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  response.end(`${status} ${text}\n`);
}
