// Serves the phone simulator page, its script and styles, the JS-SDK emulation and avatars.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const FILES: Record<string, [string, string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/phone/phone.css': ['phone.css', 'text/css; charset=utf-8'],
  '/open/js/jweixin-1.6.0.js': ['jweixin.js', 'text/javascript; charset=utf-8'],
};

/** Registers the static files of the phone page and the generated avatars. */
export function phoneRoutes(app: FastifyInstance, ctx: Ctx): void {
  for (const [path, [file, type]] of Object.entries(FILES)) {
    app.get(path, async (_request, reply) =>
      // Read on each request so edits show without a restart; the files are small.
      reply
        .type(type)
        .header('cache-control', 'no-cache')
        .send(readFileSync(join(here, file))),
    );
  }
  app.get<{ Params: { file: string } }>('/phone/js/:file', async (request, reply) => {
    const { file } = request.params;
    if (!/^[a-z0-9-]+\.js$/.test(file)) return reply.code(404).send('not found');
    try {
      const script = readFileSync(join(here, 'js', file));
      return reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(script);
    } catch {
      return reply.code(404).send('not found');
    }
  });
  app.get('/phone/jsQR.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .send(readFileSync(require.resolve('jsqr/dist/jsQR.js'))),
  );
  app.get<{ Params: { file: string } }>('/sandbox/avatar/:file', async (request, reply) => {
    const openid = request.params.file.replace(/\.svg$/, '');
    const user = ctx.store.user(openid);
    // "account" is the Official Account itself in the chat.
    const name = openid === 'account' ? '医' : (user?.nickname ?? '?');
    const letter = [...name].at(-1) ?? '?';
    let hash = 0;
    for (const ch of openid) hash = (hash * 31 + ch.charCodeAt(0)) % 360;
    if (openid === 'account') hash = 145;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><rect width="96" height="96" rx="8" fill="hsl(${hash},55%,55%)"/><text x="48" y="62" font-size="44" text-anchor="middle" fill="#fff" font-family="sans-serif">${letter.replace(/[<&>"']/g, '')}</text></svg>`;
    return reply.type('image/svg+xml').send(svg);
  });
}
