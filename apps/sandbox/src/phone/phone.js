// The phone simulator: who holds the phone, the chat with the account and its menu, 服务通知,
// the scan sheet, H5 pages in a frame with the JS-SDK bridge, and the pay sheet.
const $ = (sel) => document.querySelector(sel);
const api = async (method, path, body) => {
  const res = await fetch(`/sandbox/api${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
  return data;
};
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const state = {
  config: null,
  user: null,
  messages: [],
  lastId: 0,
  menu: null,
  view: 'users',
  h5Open: false,
};
const COOKIE = 'wxsandbox_openid';

function toast(text, ms = 1800) {
  const el = $('#toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (el.hidden = true), ms);
}

function show(view) {
  state.view = view;
  for (const id of ['users', 'chat', 'notices']) $(`#${id}`).hidden = id !== view;
  $('#more-menu').hidden = true;
  if (view === 'users') renderUsers();
  if (view === 'notices') renderNotices();
}

// ---- users ----------------------------------------------------------------

async function renderUsers() {
  const users = await api('GET', '/users');
  $('#user-list').innerHTML =
    users
      .map(
        (u) => `<li data-openid="${esc(u.openid)}"><img src="${esc(u.headimgurl)}" alt="">
      <span class="who">${esc(u.nickname)}<small>${esc(u.openid)}</small></span>
      <span class="badge ${u.subscribed ? 'on' : ''}">${u.subscribed ? '已关注' : '未关注'}</span></li>`,
      )
      .join('') || '<li class="muted">还没有模拟用户，请在下方创建。</li>';
}

async function choose(openid) {
  state.user = await api('GET', `/users/${openid}`);
  await refreshMenu();
  localStorage.setItem(COOKIE, openid);
  // OAuth reads who holds the phone from this cookie (ports share cookies, hence the long name).
  document.cookie = `${COOKIE}=${openid}; path=/; SameSite=Lax`;
  state.messages = [];
  state.lastId = 0;
  $('#messages').innerHTML = '';
  await poll(true);
  show('chat');
  renderChrome();
}

$('#user-list').addEventListener('click', (e) => {
  const li = e.target.closest('li[data-openid]');
  if (li) choose(li.dataset.openid).catch((err) => toast(err.message));
});
$('#new-user').addEventListener('submit', async (e) => {
  e.preventDefault();
  const nickname = e.target.nickname.value.trim();
  const user = await api('POST', '/users', { nickname });
  e.target.reset();
  await choose(user.openid);
});

// ---- chat -------------------------------------------------------------------

function renderChrome() {
  const subscribed = !!state.user?.subscribed;
  $('#follow-bar').hidden = subscribed;
  const hasMenu = subscribed && state.menu?.button?.length;
  const menuMode = hasMenu && !state.keyboard;
  $('#menu-bar').hidden = !menuMode;
  $('#input-bar').hidden = !subscribed || menuMode;
  $('#toggle-menu').hidden = !hasMenu;
  if (!subscribed) $('#plus-panel').hidden = true;
  renderMenu();
  const notices = state.messages.filter((m) => m.kind === 'template').length;
  $('#notice-count').textContent = notices ? `(${notices})` : '';
}

function renderMenu() {
  const buttons = state.menu?.button ?? [];
  $('#menu-buttons').innerHTML = buttons
    .map((b, i) => {
      const subs = b.sub_button?.length
        ? `<div class="sub" hidden>${b.sub_button
            .map((s, j) => `<button data-menu="${i}.${j}">${esc(s.name)}</button>`)
            .join('')}</div>`
        : '';
      return `<div>${subs}<button data-menu="${i}">${b.sub_button?.length ? '≡ ' : ''}${esc(b.name)}</button></div>`;
    })
    .join('');
}

$('#menu-buttons').addEventListener('click', async (e) => {
  const el = e.target.closest('button[data-menu]');
  if (!el) return;
  const [i, j] = el.dataset.menu.split('.').map(Number);
  const top = state.menu.button[i];
  if (j === undefined && top.sub_button?.length) {
    const sub = el.parentElement.querySelector('.sub');
    const wasHidden = sub.hidden;
    document.querySelectorAll('.menu-buttons .sub').forEach((s) => (s.hidden = true));
    sub.hidden = !wasHidden;
    return;
  }
  document.querySelectorAll('.menu-buttons .sub').forEach((s) => (s.hidden = true));
  const button = j === undefined ? top : top.sub_button[j];
  await tapMenu(button);
});

async function tapMenu(button) {
  const openid = state.user.openid;
  try {
    if (button.type === 'click') {
      await act(`/users/${openid}/click`, { key: button.key });
    } else if (button.type === 'view') {
      openH5(button.url);
      await act(`/users/${openid}/view`, { url: button.url });
    } else {
      toast(`沙箱未模拟 ${button.type} 类型的菜单`);
    }
  } catch (err) {
    toast(err.message);
  }
}

/** Runs a user action, then shows whatever the account answered. */
async function act(path, body) {
  const result = await api('POST', path, body);
  if (result.outcome === 'failed') toast('该公众号暂时无法提供服务，请稍后再试');
  if (result.outcome === 'bad-reply') console.warn('被动回复无效：', result.replyError);
  state.user = await api('GET', `/users/${state.user.openid}`);
  await poll();
  renderChrome();
  return result;
}

/** Text with WeChat's one piece of markup in messages: <a href>. */
function richText(text) {
  const parts = String(text).split(/(<a\s+[^>]*href=["'][^"']+["'][^>]*>[\s\S]*?<\/a>)/i);
  return parts
    .map((p) => {
      const m = /<a\s+[^>]*href=["']([^"']+)["'][^>]*>([\s\S]*?)<\/a>/i.exec(p);
      return m ? `<a data-href="${esc(m[1])}">${esc(m[2])}</a>` : esc(p);
    })
    .join('');
}

function bubble(m) {
  switch (m.msgType) {
    case 'image': {
      const src = m.picUrl || `/sandbox/media/${encodeURIComponent(m.mediaId)}`;
      return `<div class="bubble"><img class="photo" src="${esc(src)}" alt="图片"></div>`;
    }
    case 'news':
      return (m.articles ?? [])
        .map(
          (a) => `<div class="bubble card" data-href="${esc(a.url)}"><b>${esc(a.title)}</b>
          <p>${esc(a.description)}</p>${a.picUrl ? `<img src="${esc(a.picUrl)}" alt="">` : ''}</div>`,
        )
        .join('');
    case 'location':
      return `<div class="bubble">📍 ${esc(m.location.label || `${m.location.x}, ${m.location.y}`)}</div>`;
    case 'text':
      return `<div class="bubble">${richText(m.content)}</div>`;
    default:
      return `<div class="bubble">[${esc(m.msgType)}] ${esc(m.title ?? m.content ?? '')}</div>`;
  }
}

function renderMessage(m) {
  const box = $('#messages');
  if (m.kind === 'template') return; // shown under 服务通知
  const el = document.createElement('div');
  if (m.kind === 'system') {
    el.className = 'system';
    el.innerHTML = `<span>${esc(m.content)}</span>`;
  } else {
    const mine = m.kind === 'user';
    const avatar = mine ? state.user.headimgurl : '/sandbox/avatar/account.svg';
    el.className = `msg${mine ? ' mine' : ''}`;
    el.innerHTML = `<img class="avatar" src="${esc(avatar)}" alt="">${bubble(m)}`;
  }
  box.append(el);
  box.scrollTop = box.scrollHeight;
}

/** Fetches new messages, one poll at a time so that none is shown twice. */
function poll(initial = false) {
  state.polling = (state.polling ?? Promise.resolve())
    .then(() => fetchMessages(initial))
    .catch(() => undefined);
  return state.polling;
}

/** `initial` loads history without announcing old notifications. */
async function fetchMessages(initial) {
  if (!state.user) return;
  const openid = state.user.openid;
  const fresh = await api('GET', `/users/${openid}/messages?after=${state.lastId}`);
  if (state.user?.openid !== openid) return;
  for (const m of fresh) {
    state.messages.push(m);
    state.lastId = Math.max(state.lastId, m.id);
    renderMessage(m);
    if (!initial && m.kind === 'template' && state.view !== 'notices') {
      toast(`服务通知：${m.title}`);
    }
  }
  if (fresh.length && state.view === 'notices') renderNotices();
  if (fresh.length) renderChrome();
}

$('#messages').addEventListener('click', (e) => {
  const link = e.target.closest('[data-href]');
  if (link) return openH5(link.dataset.href);
  const img = e.target.closest('img.photo');
  if (img) preview(img.src);
});

$('#follow').addEventListener('click', () =>
  act(`/users/${state.user.openid}/follow`, {}).catch((err) => toast(err.message)),
);
$('#send-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const content = $('#text').value;
  if (!content.trim()) return;
  $('#text').value = '';
  await act(`/users/${state.user.openid}/text`, { content }).catch((err) => toast(err.message));
});
$('#toggle-menu').addEventListener('click', () => {
  state.keyboard = false;
  renderChrome();
});
$('#toggle-input').addEventListener('click', () => {
  state.keyboard = true;
  renderChrome();
  $('#text').focus();
});
$('#plus').addEventListener('click', () => ($('#plus-panel').hidden = !$('#plus-panel').hidden));
$('#photo').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  e.target.value = '';
  if (!file) return;
  $('#plus-panel').hidden = true;
  const dataBase64 = await fileBase64(file);
  await act(`/users/${state.user.openid}/image`, { dataBase64, contentType: file.type }).catch(
    (err) => toast(err.message),
  );
});
$('#send-location').addEventListener('click', async () => {
  $('#plus-panel').hidden = true;
  await act(`/users/${state.user.openid}/location`, {
    x: 39.9139,
    y: 116.4112,
    scale: 16,
    label: '北京市东城区帅府园1号',
  }).catch((err) => toast(err.message));
});
$('#more').addEventListener('click', () => ($('#more-menu').hidden = !$('#more-menu').hidden));
document.addEventListener('click', async (e) => {
  const go = e.target.closest('[data-go]');
  if (go) show(go.dataset.go);
  const action = e.target.closest('[data-act]');
  if (!action) return;
  $('#more-menu').hidden = true;
  $('#plus-panel').hidden = true;
  const name = action.dataset.act;
  if (name === 'scan') scanFromChat();
  if (name === 'notices') show('notices');
  if (name === 'open-url') {
    const url = prompt('在微信中打开网址：', 'http://127.0.0.1:3000/');
    if (url) openH5(url);
  }
  if (name === 'unfollow' && confirm('不再关注该公众号？')) {
    await act(`/users/${state.user.openid}/unfollow`, {}).catch((err) => toast(err.message));
  }
});

// ---- 服务通知 ---------------------------------------------------------------

function renderNotices() {
  const list = state.messages.filter((m) => m.kind === 'template').reverse();
  $('#notice-list').innerHTML =
    list
      .map(
        (m) => `<article class="notice"><h3>${esc(m.title)}</h3>
        <span class="muted">${new Date(m.at).toLocaleString('zh-CN')} · ${esc(state.config.accountName)}</span>
        <div class="content">${esc(m.content)}</div>
        ${m.url ? `<div class="detail" data-href="${esc(m.url)}">详情 ›</div>` : ''}</article>`,
      )
      .join('') || '<p class="muted" style="text-align:center">暂无服务通知</p>';
}
$('#notice-list').addEventListener('click', (e) => {
  const link = e.target.closest('[data-href]');
  if (link) openH5(link.dataset.href);
});

// ---- sheets -----------------------------------------------------------------

let closeSheet = null;
function openSheet(id, onClose) {
  for (const s of document.querySelectorAll('.sheet')) s.hidden = s.id !== id;
  $('#sheet-mask').hidden = false;
  closeSheet = (result) => {
    $(`#${id}`).hidden = true;
    $('#sheet-mask').hidden = true;
    closeSheet = null;
    onClose?.(result);
  };
}
$('#sheet-mask').addEventListener('click', () => closeSheet?.(null));
document
  .querySelectorAll('[data-close]')
  .forEach((b) => b.addEventListener('click', () => closeSheet?.(null)));

/** Opens the scan sheet; resolves with the scanned text or null when dismissed. */
async function scanSheet() {
  const codes = (await api('GET', '/qrcodes')).filter((q) => !q.expired).reverse();
  $('#qr-list').innerHTML =
    codes
      .map(
        (q) => `<button data-content="${esc(q.url)}"><img src="${esc(q.imageUrl)}" alt="">
        ${esc(q.actionName.includes('LIMIT') ? '永久' : '临时')} · ${esc(q.scene)}</button>`,
      )
      .join('') || '<p class="muted">公众号还没有创建带参数二维码。</p>';
  $('#scan-text').value = '';
  return new Promise((resolve) => openSheet('scan-sheet', resolve));
}
$('#qr-list').addEventListener('click', (e) => {
  const b = e.target.closest('[data-content]');
  if (b) closeSheet?.(b.dataset.content);
});
$('#scan-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('#scan-text').value.trim();
  if (text) closeSheet?.(text);
});
$('#scan-file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  e.target.value = '';
  if (!file) return;
  const text = await decodeQr(file).catch(() => null);
  if (!text) return toast('未识别到二维码');
  closeSheet?.(text);
});

/** Decodes a QR code from an image file with jsQR, in the browser. */
async function decodeQr(file) {
  const bitmap = await createImageBitmap(file);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const g = canvas.getContext('2d');
  g.drawImage(bitmap, 0, 0);
  const data = g.getImageData(0, 0, canvas.width, canvas.height);
  return window.jsQR(data.data, data.width, data.height)?.data ?? null;
}

/** 扫一扫 from the chat: the account's own codes push events, URLs open, text is shown. */
async function scanFromChat() {
  const content = await scanSheet();
  if (!content) return;
  await handleScanned(content);
}
async function handleScanned(content) {
  try {
    const result = await api('POST', `/users/${state.user.openid}/scan`, { content });
    if (result.kind === 'url') return openH5(result.content);
    if (result.kind === 'text') return alert(`扫描结果：\n${result.content}`);
    closeH5();
    state.user = await api('GET', `/users/${state.user.openid}`);
    await poll();
    renderChrome();
    show('chat');
  } catch (err) {
    toast(err.message);
  }
}

// ---- H5 pages ---------------------------------------------------------------

function openH5(url) {
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
function closeH5() {
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

function preview(src) {
  $('#preview img').src = src;
  $('#preview').hidden = false;
}
$('#preview').addEventListener('click', () => ($('#preview').hidden = true));

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

/** The pay sheet: checks paySign, then lets the person pay, cancel or fail. */
async function paySheet(p) {
  const check = await api('POST', '/pay/sheet', { ...p, openid: state.user?.openid });
  if (!check.ok) {
    alert(`支付失败：${check.why}`);
    return { errMsg: 'get_brand_wcpay_request:fail', why: check.why };
  }
  const { order } = check;
  $('#pay-amount').textContent = `¥${(order.total / 100).toFixed(2)}`;
  $('#pay-desc').textContent = order.description;
  $('#pay-merchant').textContent = order.merchant;
  const choice = await new Promise((resolve) => {
    openSheet('pay-sheet', (r) => resolve(r ?? 'cancel'));
    $('#pay-confirm').onclick = () => closeSheet('ok');
    $('#pay-fail').onclick = () => closeSheet('fail');
    $('#pay-cancel').onclick = () => closeSheet('cancel');
  });
  const result = await api(
    'POST',
    `/pay/orders/${order.prepayId}/${choice === 'ok' ? 'pay' : choice}`,
    {
      openid: state.user?.openid,
    },
  );
  if (choice === 'ok') toast('支付成功');
  return { errMsg: result.errMsg };
}

/** chooseImage: the person picks a file (or a sample); it becomes temporary media. */
async function chooseImage() {
  const blob = await new Promise((resolve) => {
    openSheet('image-sheet', resolve);
    $('#image-file').onchange = (e) => {
      const file = e.target.files[0];
      e.target.value = '';
      closeSheet(file ?? null);
    };
    $('#image-sample').onclick = async () => closeSheet(await sampleImage());
  });
  if (!blob) return { errMsg: 'chooseImage:cancel' };
  const media = await api('POST', '/media', {
    dataBase64: await fileBase64(blob),
    contentType: blob.type || 'image/png',
  });
  return { errMsg: 'chooseImage:ok', localIds: [media.url], mediaIds: [media.mediaId] };
}

function sampleImage() {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const g = canvas.getContext('2d');
  g.fillStyle = '#e7f8ee';
  g.fillRect(0, 0, 320, 240);
  g.fillStyle = '#07c160';
  g.font = '28px sans-serif';
  g.fillText('沙箱示例图片', 70, 110);
  g.font = '16px sans-serif';
  g.fillText(new Date().toLocaleString('zh-CN'), 70, 150);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

function fileBase64(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = reject;
    reader.readAsDataURL(blob);
  });
}

// ---- the desk console ---------------------------------------------------------

$('#open-form').addEventListener('submit', (e) => {
  e.preventDefault();
  if (!state.user) return toast('请先选择模拟用户');
  const url = $('#open-url').value.trim();
  if (url) openH5(url);
});
$('#verify-url').addEventListener('click', async () => {
  const r = await api('POST', '/callback/verify', {});
  toast(r.ok ? '服务器地址校验通过' : `校验失败：${r.error ?? r.body ?? r.status}`, 3000);
});
$('#invalidate').addEventListener('click', async () => {
  const r = await api('POST', '/tokens/invalidate', {});
  toast(`已使 ${r.invalidated} 个 access_token 失效`);
});

async function refreshConsole() {
  const [pushes, pays] = await Promise.all([
    api('GET', '/pushes'),
    api('GET', '/pay/notifications'),
  ]);
  $('#push-log').innerHTML = pushes
    .slice(-12)
    .reverse()
    .map((p) => {
      const cls = p.outcome === 'failed' || p.outcome === 'bad-reply' ? 'bad' : 'ok';
      return `<li><span class="${cls}">${esc(p.kind)}</span> ${esc(p.outcome)} · ${p.attempts.length} 次
        ${p.replyError ? `<br><span class="bad">${esc(p.replyError)}</span>` : ''}</li>`;
    })
    .join('');
  $('#pay-log').innerHTML = pays
    .slice(-8)
    .reverse()
    .map(
      (d) => `<li><span class="${d.state === 'delivered' ? 'ok' : 'bad'}">${esc(d.eventType)}</span>
      ${esc(d.outTradeNo)} · ${esc(d.state)} · ${d.attempts.length} 次</li>`,
    )
    .join('');
}

// ---- start --------------------------------------------------------------------

async function refreshMenu() {
  const who = state.user ? `?openid=${encodeURIComponent(state.user.openid)}` : '';
  const menu = await api('GET', `/menu${who}`);
  if (JSON.stringify(menu) !== JSON.stringify(state.menu)) {
    state.menu = menu;
    renderChrome();
  }
}

async function start() {
  state.config = await api('GET', '/config');
  $('#account-name').textContent = state.config.accountName;
  $('#console-info').textContent =
    `AppID ${state.config.appId} · ${state.config.messageMode} 模式 · 推送到 ${state.config.callbackUrl}`;
  await refreshMenu();
  const saved = localStorage.getItem(COOKIE);
  const users = await api('GET', '/users');
  if (saved && users.some((u) => u.openid === saved)) await choose(saved);
  else show('users');
  setInterval(poll, 1000);
  setInterval(() => refreshMenu().catch(() => undefined), 3000);
  setInterval(() => refreshConsole().catch(() => undefined), 2000);
  const tick = () => ($('#clock').textContent = new Date().toTimeString().slice(0, 5));
  tick();
  setInterval(tick, 10_000);
  refreshConsole().catch(() => undefined);
}
start().catch((err) => toast(err.message, 5000));
