// Shared pieces of the phone page: DOM lookup, the control API, escaping, state, the toast.
export const $ = (sel) => document.querySelector(sel);
export const api = async (method, path, body) => {
  const res = await fetch(`/sandbox/api${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
  return data;
};
export const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const state = {
  config: null,
  user: null,
  messages: [],
  lastId: 0,
  menu: null,
  view: 'users',
  h5Open: false,
};
export const COOKIE = 'wxsandbox_openid';

/** Shows a short message over the screen. */
export function toast(text, ms = 1800) {
  const el = $('#toast');
  el.textContent = text;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (el.hidden = true), ms);
}

/** Shows an image full-screen until clicked. */
export function preview(src) {
  $('#preview img').src = src;
  $('#preview').hidden = false;
}
$('#preview').addEventListener('click', () => ($('#preview').hidden = true));

/** The base64 content of a file or blob, without the data: prefix. */
export function fileBase64(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = reject;
    reader.readAsDataURL(blob);
  });
}
