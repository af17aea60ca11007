import { ensureWechatSdk, WechatUnavailableError, type WechatSdk } from './bridge';

/**
 * The JS-SDK's callback interfaces as promises. `cancel` (the person closed the scanner or the
 * album) resolves with null; a failure rejects.
 */
function invoke<T>(
  wx: WechatSdk,
  name: string,
  options: Record<string, unknown>,
): Promise<T | null> {
  const api = wx[name];
  if (typeof api !== 'function')
    return Promise.reject(new WechatUnavailableError(`wx.${name} is missing`));
  return new Promise((resolve, reject) => {
    (api as (o: Record<string, unknown>) => void)({
      ...options,
      success: (result: T) => resolve(result),
      cancel: () => resolve(null),
      fail: (result: { errMsg?: string }) => {
        if (/cancel/.test(result?.errMsg ?? '')) resolve(null);
        else reject(new WechatUnavailableError(result?.errMsg ?? `${name}:fail`));
      },
    });
  });
}

/** Opens WeChat's scanner and answers the text of the code read, or null when closed. */
export async function scanCode(): Promise<string | null> {
  const wx = await ensureWechatSdk();
  const result = await invoke<{ resultStr?: string }>(wx, 'scanQRCode', {
    needResult: 1,
    scanType: ['qrCode'],
  });
  return result?.resultStr ?? null;
}

/**
 * Lets the person take or choose up to `count` pictures in WeChat and answers their local data
 * (`wx.getLocalImgData`: a data URL on iOS, bare base64 on Android); empty when closed.
 */
export async function chooseImages(count: number): Promise<string[]> {
  const wx = await ensureWechatSdk();
  const chosen = await invoke<{ localIds?: string[] }>(wx, 'chooseImage', {
    count,
    sizeType: ['compressed'],
    sourceType: ['camera', 'album'],
  });
  const data: string[] = [];
  for (const localId of chosen?.localIds ?? []) {
    const read = await invoke<{ localData?: string }>(wx, 'getLocalImgData', { localId });
    if (read?.localData) data.push(read.localData);
  }
  return data;
}
