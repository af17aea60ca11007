// The phone simulator's entry: the desk console beside the phone, and start-up.
import { $, api, COOKIE, esc, state, toast } from './core.js';
import { choose, poll, refreshMenu, show } from './chat.js';
import { openH5 } from './h5.js';

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
