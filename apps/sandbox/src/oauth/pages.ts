// The few pages WeChat itself shows during web authorization: the consent screen, its error
// page, and (sandbox only) a picker when nobody is holding the phone yet.
import type { SimUser } from '../store';

/** Escapes text for HTML. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>
body{margin:0;font:15px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#ededed;color:#111}
.box{background:#fff;margin:0;padding:32px 24px;text-align:center;min-height:100vh;box-sizing:border-box}
.logo{width:64px;height:64px;border-radius:12px;background:#07c160;color:#fff;font-size:30px;line-height:64px;margin:24px auto 12px}
.btn{display:block;width:100%;padding:11px;margin:12px 0 0;border:0;border-radius:6px;font-size:16px;cursor:pointer}
.ok{background:#07c160;color:#fff}.no{background:#f2f2f2;color:#07c160}
ul{list-style:none;padding:0;text-align:left}li{margin:8px 0}
.muted{color:#888;font-size:13px}
</style></head><body><div class="box">${body}</div></body></html>`;
}

/** The snsapi_userinfo consent screen; both buttons post the decision back. */
export function consentPage(accountName: string, user: SimUser, hidden: Record<string, string>) {
  const fields = Object.entries(hidden)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return page(
    '微信授权',
    `<div class="logo">医</div><h3>${esc(accountName)}</h3>
<p>申请获得以下权限：</p><p class="muted">获得你的公开信息（昵称、头像等）</p>
<p class="muted">当前微信用户：${esc(user.nickname)}</p>
<form method="post" action="/connect/oauth2/authorize/consent">${fields}
<button class="btn ok" name="decision" value="allow">允许</button>
<button class="btn no" name="decision" value="deny">拒绝</button></form>`,
  );
}

/** WeChat's "Oops! Something went wrong" page with its error code. */
export function errorPage(code: number, reason: string): string {
  return page(
    '微信授权出错',
    `<h3>Oops! Something went wrong:(</h3><p>${code}</p><p class="muted">${esc(reason)}</p>`,
  );
}

/** Lets the person at the desk choose who holds the phone, then retries the authorization. */
export function pickerPage(users: SimUser[], retryUrl: string): string {
  const links = users
    .map((u) => {
      const url = new URL(retryUrl, 'http://x');
      url.searchParams.set('sandbox_openid', u.openid);
      const href = url.pathname + url.search;
      return `<li><a href="${esc(href)}">${esc(u.nickname)}</a> <span class="muted">${esc(u.openid)}</span></li>`;
    })
    .join('');
  return page(
    '选择模拟用户',
    `<h3>沙箱：谁在用这部手机？</h3>
<p class="muted">从手机模拟器打开页面时会自动带上当前用户。</p>
<ul>${links || '<li class="muted">还没有模拟用户，请先在手机模拟器中创建。</li>'}</ul>`,
  );
}
