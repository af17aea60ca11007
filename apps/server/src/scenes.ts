import type { Reply } from '@zhangyi/wechat';
import type { Deps } from './context';
import { DOCTOR_SCENE_PREFIX, doctorScanned } from './modules/directory/qrcodes';

/**
 * What a scan of one of our parametric QR codes leads to, by scene prefix. Modules that print
 * codes (doctors, later device labels) add their prefix here.
 */
export async function sceneReply(
  deps: Deps,
  scene: string,
  openid: string,
  newFollower: boolean,
): Promise<Reply | undefined> {
  if (scene.startsWith(DOCTOR_SCENE_PREFIX)) {
    return doctorScanned(deps, scene.slice(DOCTOR_SCENE_PREFIX.length), openid, newFollower);
  }
  return undefined;
}
