// Sandbox stand-in for https://res.wx.qq.com/open/js/jweixin-1.6.0.js: defines `wx` and
// `WeixinJSBridge` for an H5 page opened in the sandbox phone. The page runs on another origin, so
// everything WeChat itself would do (check wx.config, show the pay sheet, scan, pick images) is
// asked of the parent phone page by postMessage.
(function () {
  'use strict';
  const script = document.currentScript;
  const sandboxOrigin = script ? new URL(script.src).origin : '*';
  const inPhone = window.parent !== window;
  const pending = new Map();
  let seq = 0;

  window.addEventListener('message', function (e) {
    // The phone page may be reached under another host name than this script: trust the parent.
    if (e.source !== window.parent || !e.data || e.data.wxsandbox !== true) return;
    const resolve = pending.get(e.data.id);
    if (resolve) {
      pending.delete(e.data.id);
      resolve(e.data.result || {});
    }
  });

  /** Asks the phone page; outside the phone only the config check works (over HTTP). */
  function ask(type, payload) {
    if (!inPhone) {
      if (type === 'config') {
        return fetch(sandboxOrigin + '/sandbox/api/jssdk/verify', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        }).then(function (r) {
          return r.json();
        });
      }
      return Promise.resolve({ errMsg: type + ':fail 请在沙箱手机模拟器中打开此页面' });
    }
    return new Promise(function (resolve) {
      const id = ++seq;
      pending.set(id, resolve);
      window.parent.postMessage({ wxsandbox: true, id: id, type: type, payload: payload }, '*');
    });
  }

  /** Calls success/fail/cancel and complete the way the JS-SDK does, from the errMsg suffix. */
  function settle(opts, name, result) {
    opts = opts || {};
    const res = Object.assign({}, result);
    res.errMsg = String(res.errMsg || name + ':ok').replace(/^[^:]+:/, name + ':');
    const outcome = /:ok$/.test(res.errMsg)
      ? 'success'
      : /:cancel$/.test(res.errMsg)
        ? 'cancel'
        : 'fail';
    if (typeof opts[outcome] === 'function') opts[outcome](res);
    if (typeof opts.complete === 'function') opts.complete(res);
  }

  let configured = null;
  let readyState = 'pending';
  const readyQueue = [];
  const errorQueue = [];
  let errorResult = null;

  function pageUrl() {
    return location.href.split('#')[0];
  }

  const wx = {
    config: function (opts) {
      configured = opts || {};
      readyState = 'pending';
      ask('config', {
        appId: configured.appId,
        timestamp: String(configured.timestamp),
        nonceStr: configured.nonceStr,
        signature: configured.signature,
        jsApiList: configured.jsApiList,
        url: pageUrl(),
      }).then(function (result) {
        if (result.ok) {
          readyState = 'ready';
          if (configured.debug) alert('{"errMsg":"config:ok"}');
          readyQueue.splice(0).forEach(function (fn) {
            fn();
          });
        } else {
          readyState = 'error';
          errorResult = { errMsg: result.errMsg || 'config:invalid signature' };
          if (configured.debug) alert(JSON.stringify(errorResult));
          errorQueue.forEach(function (fn) {
            fn(errorResult);
          });
        }
      });
    },
    ready: function (fn) {
      if (readyState === 'ready') setTimeout(fn);
      else readyQueue.push(fn);
    },
    error: function (fn) {
      if (readyState === 'error')
        setTimeout(function () {
          fn(errorResult);
        });
      else errorQueue.push(fn);
    },
    checkJsApi: function (opts) {
      const checkResult = {};
      (opts.jsApiList || []).forEach(function (name) {
        checkResult[name] = typeof wx[name] === 'function';
      });
      settle(opts, 'checkJsApi', { checkResult: checkResult });
    },
    chooseWXPay: function (opts) {
      ask('pay', {
        appId: configured && configured.appId,
        timeStamp: String(opts.timestamp),
        nonceStr: opts.nonceStr,
        package: opts.package,
        signType: opts.signType,
        paySign: opts.paySign,
      }).then(function (r) {
        settle(opts, 'chooseWXPay', r);
      });
    },
    scanQRCode: function (opts) {
      opts = opts || {};
      ask('scan', { needResult: opts.needResult === 1 ? 1 : 0 }).then(function (r) {
        settle(opts, 'scanQRCode', r);
      });
    },
    chooseImage: function (opts) {
      ask('chooseImage', { count: opts && opts.count }).then(function (r) {
        settle(opts, 'chooseImage', {
          errMsg: r.errMsg,
          localIds: r.localIds,
          sourceType: 'album',
        });
      });
    },
    getLocalImgData: function (opts) {
      ask('getLocalImgData', { localId: opts.localId }).then(function (r) {
        settle(opts, 'getLocalImgData', r);
      });
    },
    uploadImage: function (opts) {
      // localIds are the sandbox's media URLs, so the serverId is the media id they end with.
      const match = /\/sandbox\/media\/([^/?#]+)/.exec(String(opts.localId || ''));
      if (match) settle(opts, 'uploadImage', { serverId: decodeURIComponent(match[1]) });
      else settle(opts, 'uploadImage', { errMsg: 'uploadImage:fail invalid localId' });
    },
    previewImage: function (opts) {
      ask('preview', { current: opts.current, urls: opts.urls }).then(function (r) {
        settle(opts, 'previewImage', r);
      });
    },
    getLocation: function (opts) {
      settle(opts, 'getLocation', {
        latitude: 39.9139,
        longitude: 116.4112,
        speed: 0,
        accuracy: 30,
      });
    },
    closeWindow: function () {
      ask('close', {});
    },
  };
  // Share, menu and location display calls only change WeChat's own UI: accept them.
  [
    'updateAppMessageShareData',
    'updateTimelineShareData',
    'onMenuShareAppMessage',
    'onMenuShareTimeline',
    'hideOptionMenu',
    'showOptionMenu',
    'hideMenuItems',
    'showMenuItems',
    'hideAllNonBaseMenuItem',
    'showAllNonBaseMenuItem',
    'openLocation',
    'getNetworkType',
  ].forEach(function (name) {
    wx[name] = function (opts) {
      settle(opts, name, name === 'getNetworkType' ? { networkType: 'wifi' } : {});
    };
  });

  const bridge = {
    invoke: function (name, params, callback) {
      const done = function (errMsg) {
        if (typeof callback === 'function') callback({ err_msg: errMsg });
      };
      if (name === 'getBrandWCPayRequest') {
        ask('pay', params || {}).then(function (r) {
          done(r.errMsg || 'get_brand_wcpay_request:fail');
        });
      } else if (name === 'closeWindow') {
        ask('close', {}).then(function () {
          done('close_window:ok');
        });
      } else {
        done(name + ':fail 沙箱未模拟此接口');
      }
    },
    on: function () {},
    call: function (name) {
      if (name === 'closeWindow') ask('close', {});
    },
  };

  window.wx = window.jWeixin = wx;
  window.WeixinJSBridge = bridge;

  function reportTitle() {
    if (inPhone) {
      const message = { wxsandbox: true, id: 0, type: 'title', payload: { title: document.title } };
      window.parent.postMessage(message, '*');
    }
  }
  function onLoad() {
    document.dispatchEvent(new Event('WeixinJSBridgeReady'));
    reportTitle();
    const title = document.querySelector('title');
    if (title)
      new MutationObserver(reportTitle).observe(title, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    else
      new MutationObserver(reportTitle).observe(document.head || document.documentElement, {
        childList: true,
        subtree: true,
      });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', onLoad);
  else setTimeout(onLoad);
})();
