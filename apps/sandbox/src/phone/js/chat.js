// Who holds the phone, the chat with the account, its menu, 服务通知 and 扫一扫 from the chat.
import { $, api, COOKIE, esc, state, toast, preview, fileBase64 } from './core.js';
import { scanSheet } from './sheets.js';
import { openH5, closeH5 } from './h5.js';

/** Switches the phone between the user list, the chat and 服务通知. */
export function show(view) {
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

/** Hands the phone to `openid`: loads their chat and menu, and sets the OAuth cookie. */
export async function choose(openid) {
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
export function poll(initial = false) {
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

/** 扫一扫 from the chat: the account's own codes push events, URLs open, text is shown. */
async function scanFromChat() {
  const content = await scanSheet();
  if (!content) return;
  await handleScanned(content);
}
/** What the phone does with a scanned text: push the account's codes, open URLs, show text. */
export async function handleScanned(content) {
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

/** Reloads the menu the current user sees, redrawing when it changed. */
export async function refreshMenu() {
  const who = state.user ? `?openid=${encodeURIComponent(state.user.openid)}` : '';
  const menu = await api('GET', `/menu${who}`);
  if (JSON.stringify(menu) !== JSON.stringify(state.menu)) {
    state.menu = menu;
    renderChrome();
  }
}
