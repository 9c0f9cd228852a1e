import fs from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { WEB_ENTRIES, type WebEntry, webEntryFor } from '../../shared/web-entries.ts';

/** Hashed build output (dist/web/assets): its name changes with its content, so it never goes stale. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** The HTML entries and any unhashed file: the browser asks again every time (a 304 when unchanged). */
export const REVALIDATE_CACHE = 'no-cache';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;

interface CachedHtml {
  mtimeMs: number;
  size: number;
  body: Buffer;
}

/**
 * The built web app (decision 020). Files come from `webRoot` as the build wrote them: the
 * brotli or gzip copy next to each asset when the browser accepts it (`preCompressed`), hashed
 * assets cached for a year, everything else revalidated. Every other GET that is not under /api
 * gets the HTML of its entry (the citizen survey, the public page, else the app), re-read when the
 * file changed on disk, so a rebuild while the server runs is served at once.
 *
 * Compression of API answers (JSON) happens elsewhere; these answers are compressed already
 * (Content-Encoding set here) or are HTML entries under 1 kB, and must not be compressed again.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const root = path.resolve(webRoot);
  await app.register(fastifyStatic, {
    root,
    serve: false, // the one route below serves files and HTML
    index: false,
    preCompressed: true,
    cacheControl: false, // set per file below
    setHeaders(res, file) {
      const relative = path.relative(root, file).split(path.sep);
      res.setHeader('cache-control', relative[0] === 'assets' && relative.length > 1 ? IMMUTABLE_CACHE : REVALIDATE_CACHE);
      if (COMPRESSIBLE.test(file.replace(/\.(br|gz)$/, ''))) res.setHeader('vary', 'accept-encoding');
    },
  });

  const cache = new Map<WebEntry, CachedHtml>();
  /** The entry's HTML, read again whenever its file changed (a rebuild); null when it is missing. */
  async function entryHtml(entry: WebEntry): Promise<Buffer | null> {
    const file = path.join(root, WEB_ENTRIES[entry]);
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      return null;
    }
    const cached = cache.get(entry);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.body;
    const body = await fs.readFile(file);
    cache.set(entry, { mtimeMs: stat.mtimeMs, size: stat.size, body });
    return body;
  }

  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const urlPath = req.url.split('?')[0]!;
    if (urlPath === '/api' || urlPath.startsWith('/api/')) return reply.callNotFound();
    let pathname: string;
    try {
      pathname = decodeURIComponent(urlPath);
    } catch {
      return reply.callNotFound();
    }
    // A file (it has an extension): from the build, or 404. send() refuses paths outside the root.
    if (path.posix.extname(pathname)) return reply.sendFile(pathname.slice(1));
    // A page: the web app routes on the client, every page address gets its entry's HTML.
    const html = await entryHtml(webEntryFor(pathname));
    if (!html) return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').header('cache-control', REVALIDATE_CACHE).send(html);
  });
}
