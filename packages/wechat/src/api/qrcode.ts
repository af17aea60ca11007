import { WechatArgumentError } from '../errors';
import type { ApiCaller } from './client';

/** A scene: a 32-bit number or a string of 1 to 64 characters. */
export type QrScene = { sceneId: number } | { sceneStr: string };

/** A created QR code. */
export interface QrCode {
  /** Exchange it for the image at `showQrcodeUrl(ticket)`. */
  ticket: string;
  /** Lifetime in seconds; absent for permanent codes. */
  expireSeconds?: number;
  /** The content encoded in the image, to render the code yourself. */
  url: string;
}

/** The longest lifetime of a temporary code: 30 days. */
export const QR_MAX_EXPIRE_SECONDS = 2_592_000;

/** Parametric QR codes: a scan by a new follower arrives as subscribe + `qrscene_<scene>`. */
export class QrCodeApi {
  constructor(
    private readonly api: ApiCaller,
    private readonly mpBaseUrl: string,
  ) {}

  /** A temporary code, valid `expireSeconds` (up to 30 days; WeChat's default is 60 s). */
  async createTemporary(scene: QrScene, expireSeconds: number): Promise<QrCode> {
    if (
      !Number.isInteger(expireSeconds) ||
      expireSeconds < 1 ||
      expireSeconds > QR_MAX_EXPIRE_SECONDS
    ) {
      throw new WechatArgumentError(`expireSeconds must be 1 to ${QR_MAX_EXPIRE_SECONDS}`);
    }
    if (
      'sceneId' in scene &&
      !(Number.isInteger(scene.sceneId) && scene.sceneId > 0 && scene.sceneId <= 0xffffffff)
    ) {
      throw new WechatArgumentError('a temporary sceneId is a positive 32-bit integer');
    }
    return this.create(scene, 'QR_SCENE', 'QR_STR_SCENE', expireSeconds);
  }

  /** A permanent code (scene_id 1–100000 or a scene string; at most 100,000 per account). */
  async createPermanent(scene: QrScene): Promise<QrCode> {
    if (
      'sceneId' in scene &&
      !(Number.isInteger(scene.sceneId) && scene.sceneId >= 1 && scene.sceneId <= 100_000)
    ) {
      throw new WechatArgumentError('a permanent sceneId is 1 to 100000');
    }
    return this.create(scene, 'QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE', undefined);
  }

  /** The image URL of a ticket (`showqrcode`). */
  showQrcodeUrl(ticket: string): string {
    return `${this.mpBaseUrl.replace(/\/+$/, '')}/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`;
  }

  private async create(
    scene: QrScene,
    idAction: string,
    strAction: string,
    expireSeconds: number | undefined,
  ): Promise<QrCode> {
    let body: Record<string, unknown>;
    if ('sceneStr' in scene) {
      if (scene.sceneStr.length < 1 || scene.sceneStr.length > 64) {
        throw new WechatArgumentError('sceneStr is 1 to 64 characters');
      }
      body = { action_name: strAction, action_info: { scene: { scene_str: scene.sceneStr } } };
    } else {
      body = { action_name: idAction, action_info: { scene: { scene_id: scene.sceneId } } };
    }
    if (expireSeconds !== undefined) body['expire_seconds'] = expireSeconds;
    const r = await this.api.postJson<{ ticket: string; expire_seconds?: number; url: string }>(
      '/cgi-bin/qrcode/create',
      body,
    );
    return {
      ticket: r.ticket,
      url: r.url,
      ...(r.expire_seconds !== undefined ? { expireSeconds: r.expire_seconds } : {}),
    };
  }
}
