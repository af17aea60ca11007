import { WechatResponseError } from '../errors';
import { parseWechatJson } from './http';
import type { ApiCaller } from './client';

/** Kinds of temporary media. */
export type MediaType = 'image' | 'voice' | 'video' | 'thumb';

/** An uploaded temporary medium (kept by WeChat for 3 days). */
export interface UploadedMedia {
  type: string;
  mediaId: string;
  /** Upload time, seconds since the epoch. */
  createdAt: number;
}

/** A downloaded medium: bytes, or for videos the URL WeChat answers with. */
export type DownloadedMedia =
  | { kind: 'file'; data: Buffer; contentType: string; filename?: string }
  | { kind: 'url'; url: string };

/** Temporary media (素材管理/临时素材): upload for replies, download what users sent. */
export class MediaApi {
  constructor(private readonly api: ApiCaller) {}

  /** Uploads a file as temporary media. */
  async uploadTemporary(
    type: MediaType,
    file: { data: Uint8Array; filename: string; contentType: string },
  ): Promise<UploadedMedia> {
    // FormData is not a stream, so the token retry can send it a second time.
    const form = new FormData();
    const blob = new Blob([new Uint8Array(file.data)], { type: file.contentType });
    form.append('media', blob, file.filename);
    const res = await this.api.raw(
      '/cgi-bin/media/upload',
      { type },
      { method: 'POST', body: form },
    );
    const r = parseWechatJson<{ type: string; media_id: string; created_at: number }>(
      '/cgi-bin/media/upload',
      res,
    );
    return { type: r.type, mediaId: r.media_id, createdAt: Number(r.created_at) };
  }

  /** Downloads temporary media, e.g. the photo a user sent (`MediaId` of an image message). */
  async getTemporary(mediaId: string): Promise<DownloadedMedia> {
    const res = await this.api.raw('/cgi-bin/media/get', { media_id: mediaId });
    const contentType = res.headers.get('content-type') ?? 'application/octet-stream';
    if (contentType.includes('json') || contentType.startsWith('text/plain')) {
      const r = parseWechatJson<{ video_url?: string }>('/cgi-bin/media/get', res);
      if (typeof r.video_url !== 'string') {
        throw new WechatResponseError(
          res.status,
          '/cgi-bin/media/get',
          'JSON answer without video_url',
        );
      }
      return { kind: 'url', url: r.video_url };
    }
    const disposition = res.headers.get('content-disposition') ?? '';
    const match = /filename="?([^";]+)"?/.exec(disposition);
    return {
      kind: 'file',
      data: res.body,
      contentType,
      ...(match ? { filename: match[1]! } : {}),
    };
  }
}
