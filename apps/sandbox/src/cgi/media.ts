// Temporary media: upload (multipart, field "media") and download, kept 3 days like WeChat's.
// Photos users send in the chat and images chosen in H5 pages land here too.
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context';
import { randomString } from '../ids';
import type { Media } from '../store';
import { applyFault, checkAccessToken, query, wxError } from './common';
import { parseMultipart } from './multipart';

const LIFETIME_MS = 3 * 86_400_000;
const LIMITS: Record<string, number> = {
  image: 10 << 20,
  voice: 2 << 20,
  video: 10 << 20,
  thumb: 64 << 10,
};

/** Stores bytes as temporary media and returns the record. */
export function storeMedia(
  ctx: Ctx,
  type: string,
  data: Buffer,
  contentType: string,
  filename: string,
): Media {
  const now = ctx.clock.now();
  ctx.store.data.media = ctx.store.data.media.filter((m) => now - m.createdAt < LIFETIME_MS);
  const media: Media = {
    mediaId: randomString(64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
    type,
    contentType,
    filename,
    dataBase64: data.toString('base64'),
    createdAt: now,
  };
  ctx.store.data.media.push(media);
  ctx.store.changed();
  return media;
}

/** The media with this id if it has not expired. */
export function findMedia(ctx: Ctx, mediaId: string): Media | undefined {
  const m = ctx.store.data.media.find((x) => x.mediaId === mediaId);
  return m && ctx.clock.now() - m.createdAt < LIFETIME_MS ? m : undefined;
}

function sniff(data: Buffer): string | undefined {
  if (data.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'))) return 'image/png';
  if (data.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  return undefined;
}

/** Registers media/upload, media/get and the public /sandbox/media/:id for chat pictures. */
export function mediaRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.post('/cgi-bin/media/upload', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const fault = await applyFault(ctx, 'mediaUpload');
    if (fault) return fault;
    const type = query(request).type ?? '';
    const limit = LIMITS[type];
    if (!limit) return wxError(40004, 'invalid media type');
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const part = parseMultipart(request.headers['content-type'], body).find(
      (p) => p.name === 'media',
    );
    if (!part || part.data.length === 0) return wxError(41005, 'media data missing');
    if (part.data.length > limit) return wxError(40009, 'invalid media size');
    const sniffed = sniff(part.data);
    if ((type === 'image' || type === 'thumb') && !sniffed) {
      return wxError(40005, 'invalid file type');
    }
    const contentType = sniffed ?? part.contentType ?? 'application/octet-stream';
    const media = storeMedia(ctx, type, part.data, contentType, part.filename ?? 'media');
    return { type, media_id: media.mediaId, created_at: Math.floor(media.createdAt / 1000) };
  });

  app.get('/cgi-bin/media/get', async (request, reply) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const fault = await applyFault(ctx, 'mediaGet');
    if (fault) return fault;
    const media = findMedia(ctx, query(request).media_id ?? '');
    if (!media) return wxError(40007, 'invalid media_id');
    const ext = media.contentType.split('/')[1] ?? 'bin';
    return reply
      .type(media.contentType)
      .header('content-disposition', `attachment; filename="${media.mediaId}.${ext}"`)
      .send(Buffer.from(media.dataBase64, 'base64'));
  });

  app.get<{ Params: { id: string } }>('/sandbox/media/:id', async (request, reply) => {
    const media = findMedia(ctx, request.params.id);
    if (!media) return reply.code(404).send('not found');
    return reply.type(media.contentType).send(Buffer.from(media.dataBase64, 'base64'));
  });
}
