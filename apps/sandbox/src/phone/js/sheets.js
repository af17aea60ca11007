// Sheets that slide over the phone: 扫一扫, the WeChat Pay sheet, and the image picker.
import { $, api, esc, fileBase64, state, toast } from './core.js';

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
export async function scanSheet() {
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

/** The pay sheet: checks paySign, then lets the person pay, cancel or fail. */
export async function paySheet(p) {
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
export async function chooseImage() {
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
