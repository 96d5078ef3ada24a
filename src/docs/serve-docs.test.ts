import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { serveDocs, type DocsServer } from './serve-docs.js';

let root: string;
let server: DocsServer;

/** A raw request, so paths like `/../x` reach the server unnormalised (fetch would collapse them). */
function get(path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tsdbt-serve-'));
  await mkdir(join(root, 'site', 'assets'), { recursive: true });
  await writeFile(join(root, 'site', 'index.html'), '<!doctype html><title>docs</title>');
  await writeFile(join(root, 'site', 'assets', 'docs-app.js'), 'window.x = 1;');
  await writeFile(join(root, 'site', 'assets', 'docs.css'), 'body{}');
  await writeFile(join(root, 'secret.txt'), 'do not serve');
  server = await serveDocs({ dir: join(root, 'site'), port: 0 });
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe('serveDocs', () => {
  test('port 0 picks a free port on loopback', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.url).not.toContain(':0/');
  });

  test('serves index.html for / and files with their content types', async () => {
    expect(await get('/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><title>docs</title>' });
    expect(await get('/assets/docs-app.js?v=1')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', body: 'window.x = 1;' });
    expect((await get('/assets/docs.css')).type).toBe('text/css; charset=utf-8');
    expect(await get('/index.html', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  test('404 for missing files and folders without index', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/assets/')).status).toBe(404);
  });

  test.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%5csecret.txt', '/%00'])('refuses traversal: %s', async (path) => {
    const response = await get(path);
    expect([403, 404]).toContain(response.status);
    expect(response.body).not.toContain('do not serve');
  });

  test('only GET and HEAD', async () => {
    expect((await get('/', 'POST')).status).toBe(405);
  });

  test('a busy port is a TsdbtError with a hint', async () => {
    const port = Number(new URL(server.url).port);
    const error = await serveDocs({ dir: root, port }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TsdbtError);
    expect((error as TsdbtError).hint).toMatch(/--port/);
  });
});
