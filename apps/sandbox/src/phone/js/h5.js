// H5 pages in a phone-sized frame, and the bridge answering the JS-SDK emulation inside them.
import { $, api, fileBase64, preview, state, toast } from './core.js';
import { chooseImage, paySheet, scanSheet } from './sheets.js';
import { handleScanned } from './chat.js';

/** Opens a web page in the phone, as WeChat's built-in browser. */
export function openH5(url) {
  let target;
  try {
    target = new URL(url, location.href);
  } catch {
    return toast('无效的网址');
  }
  // Menus built for the real WeChat still work: open.weixin.qq.com is served by the sandbox.
  if (target.hostname === 'open.weixin.qq.com') {
    target = new URL(target.pathname + target.search + target.hash, location.origin);
  }
  $('#h5-title').textContent = '加载中…';
  state.h5Url = target.toString();
  $('#h5-frame').src = state.h5Url;
  $('#h5').hidden = false;
  state.h5Open = true;
}
/** Closes the web page (✕ or wx.closeWindow). */
export function closeH5() {
  $('#h5').hidden = true;
  $('#h5-frame').src = 'about:blank';
  state.h5Open = false;
}
$('#h5-close').addEventListener('click', closeH5);
$('#h5-reload').addEventListener('click', () => {
  // A cross-origin frame cannot be reloaded from here; opening its first URL again is close enough.
  if (state.h5Url) $('#h5-frame').src = state.h5Url;
});
$('#h5-frame').addEventListener('load', () => {
  try {
    $('#h5-title').textContent = $('#h5-frame').contentDocument?.title || '网页';
  } catch {
    // A cross-origin page reports its title through the JS-SDK script instead.
  }
});

// The JS-SDK emulation inside the frame asks the phone for what WeChat itself would do.
window.addEventListener('message', async (e) => {
  const frame = $('#h5-frame');
  if (e.source !== frame.contentWindow || !e.data || e.data.wxsandbox !== true) return;
  const { id, type, payload } = e.data;
  const reply = (result) =>
    frame.contentWindow.postMessage({ wxsandbox: true, id, result }, e.origin);
  try {
    reply(await bridge(type, payload ?? {}));
  } catch (err) {
    reply({ errMsg: `${type}:fail ${err.message}` });
  }
});

async function bridge(type, p) {
  switch (type) {
    case 'title':
      $('#h5-title').textContent = p.title || '网页';
      return {};
    case 'config':
      return api('POST', '/jssdk/verify', p);
    case 'pay':
      return paySheet(p);
    case 'scan': {
      const content = await scanSheet();
      if (!content) return { errMsg: 'scanQRCode:cancel' };
      if (p.needResult === 1) return { errMsg: 'scanQRCode:ok', resultStr: content };
      setTimeout(() => handleScanned(content));
      return { errMsg: 'scanQRCode:ok' };
    }
    case 'chooseImage':
      return chooseImage();
    case 'getLocalImgData': {
      const res = await fetch(p.localId);
      const data = await fileBase64(await res.blob());
      return {
        errMsg: 'getLocalImgData:ok',
        localData: `data:${res.headers.get('content-type')};base64,${data}`,
      };
    }
    case 'preview':
      preview(p.current || p.urls?.[0]);
      return { errMsg: 'previewImage:ok' };
    case 'close':
      closeH5();
      return { errMsg: 'closeWindow:ok' };
    default:
      return { errMsg: `${type}:fail 沙箱未模拟此接口` };
  }
}
