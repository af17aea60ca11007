// Speed of the encrypted-message path of @zhangyi/wechat against the stack of the long-standing
// `wechat` npm package (wechat-crypto + xml2js), on one core, in one process.
//
// One message = verify msg_signature + decrypt + parse an encrypted text message, then build a
// text reply, encrypt it and sign the envelope. WeChat's side (encrypting the inbound messages)
// is prepared beforehand and not timed.
//
// Run: npx tsx bench/wechat-messages.ts [messages]   (default 50,000 per round)
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Builder, parseString } from 'xml2js';
import { MessageCipher, MessageServer, msgSignature, replyTo } from '@zhangyi/wechat';

interface ReferenceCrypto {
  getSignature(timestamp: string, nonce: string, encrypt: string): string;
  decrypt(text: string): { message: string; id: string };
  encrypt(text: string): string;
}
// wechat-crypto is CommonJS without types.
const WXBizMsgCrypt = createRequire(import.meta.url)('wechat-crypto') as new (
  token: string,
  encodingAESKey: string,
  appId: string,
) => ReferenceCrypto;

const MESSAGES = Number(process.argv[2] ?? 50_000);
const WARMUP = 5_000;
const ROUNDS = 3;
const POOL = 2_000;

const token = 'benchtoken';
const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const appId = 'wx_bench_app_0001';
const now = 1_700_000_000;

interface Inbound {
  query: { timestamp: string; nonce: string; msg_signature: string; encrypt_type: string };
  body: string;
}

/** WeChat's side: distinct encrypted text messages, as they arrive at the callback URL. */
function prepare(): Inbound[] {
  const cipher = new MessageCipher(encodingAESKey, appId);
  const out: Inbound[] = [];
  for (let i = 0; i < POOL; i++) {
    const xml =
      `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[o_user_${i}]]></FromUserName>` +
      `<CreateTime>${now}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
      `<Content><![CDATA[我想预约明天上午内科的号 #${i}]]></Content><MsgId>${6054768590064713728n + BigInt(i)}</MsgId></xml>`;
    const encrypt = cipher.encrypt(xml);
    const timestamp = String(now);
    const nonce = String(100000000 + i);
    out.push({
      query: {
        timestamp,
        nonce,
        msg_signature: msgSignature(token, timestamp, nonce, encrypt),
        encrypt_type: 'aes',
      },
      body: `<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
    });
  }
  return out;
}

const inbound = prepare();

// --- ours ---------------------------------------------------------------------------------
const server = new MessageServer({
  token,
  appId,
  encodingAESKey,
  clock: { now: () => now * 1000 },
});

function ours(m: Inbound): number {
  const request = server.parse(m.query, m.body);
  if (request.message.kind !== 'text') throw new Error('expected text');
  const reply = replyTo(
    request.message,
    { type: 'text', content: '已收到：' + request.message.content },
    now,
  );
  return server.reply(request, reply).length;
}

// --- reference: wechat-crypto + xml2js ------------------------------------------------------
const reference = new WXBizMsgCrypt(token, encodingAESKey, appId);
const builder = new Builder({ rootName: 'xml', headless: true, cdata: true });

/** xml2js parses synchronously when no async option is set; this unwraps its callback. */
function parseXmlSync(xml: string): Record<string, string> {
  let result: Record<string, string> | undefined;
  parseString(xml, { explicitArray: false, explicitRoot: false, trim: true }, (err, data) => {
    if (err) throw err;
    result = data as Record<string, string>;
  });
  if (!result) throw new Error('xml2js did not answer synchronously');
  return result;
}

function referenceStack(m: Inbound): number {
  const outer = parseXmlSync(m.body);
  const encrypt = outer['Encrypt']!;
  if (reference.getSignature(m.query.timestamp, m.query.nonce, encrypt) !== m.query.msg_signature) {
    throw new Error('signature');
  }
  if (Math.abs(now - Number(m.query.timestamp)) > 300) throw new Error('stale');
  const { message, id } = reference.decrypt(encrypt);
  if (id !== appId) throw new Error('appid');
  const msg = parseXmlSync(message);
  if (msg['MsgType'] !== 'text') throw new Error('expected text');
  const replyXml = builder.buildObject({
    ToUserName: msg['FromUserName'],
    FromUserName: msg['ToUserName'],
    CreateTime: now,
    MsgType: 'text',
    Content: '已收到：' + msg['Content'],
  });
  const replyEncrypt = reference.encrypt(replyXml);
  const nonce = String(Math.floor(Math.random() * 1e10));
  const signature = reference.getSignature(String(now), nonce, replyEncrypt);
  const envelope =
    `<xml><Encrypt><![CDATA[${replyEncrypt}]]></Encrypt><MsgSignature><![CDATA[${signature}]]></MsgSignature>` +
    `<TimeStamp>${now}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`;
  return envelope.length;
}

// --- harness --------------------------------------------------------------------------------
// Rates are per CPU-second of this process (user + system), the honest "one core" figure on a
// machine shared with other work; wall-clock rates are printed beside them.
interface Rate {
  cpu: number;
  wall: number;
}

function run(fn: (m: Inbound) => number, count: number): Rate {
  let sink = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < count; i++) sink += fn(inbound[i % POOL]!);
  const wall = (performance.now() - wall0) / 1000;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1e6;
  if (sink === 0) throw new Error('no output');
  return { cpu: count / cpu, wall: count / wall };
}

// Both stacks must understand each other's replies before we time anything.
{
  const check = new MessageCipher(encodingAESKey, appId);
  const ourEnvelope = server.reply({ encrypted: true }, '<xml><A>1</A></xml>');
  const enc = /<Encrypt><!\[CDATA\[([^\]]+)\]\]>/.exec(ourEnvelope)![1]!;
  if (reference.decrypt(enc).message !== '<xml><A>1</A></xml>') throw new Error('interop');
  if (check.decrypt(reference.encrypt('x')).message !== 'x') throw new Error('interop');
}

run(ours, WARMUP);
run(referenceStack, WARMUP);
const oursRates: Rate[] = [];
const refRates: Rate[] = [];
for (let r = 0; r < ROUNDS; r++) {
  oursRates.push(run(ours, MESSAGES));
  refRates.push(run(referenceStack, MESSAGES));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const oursCpu = median(oursRates.map((r) => r.cpu));
const refCpu = median(refRates.map((r) => r.cpu));
const oursWall = median(oursRates.map((r) => r.wall));
const refWall = median(refRates.map((r) => r.wall));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);

console.log('encrypted text message: verify + decrypt + parse + reply + encrypt, one process');
console.log(
  `node ${process.version}, ${MESSAGES.toLocaleString('en-US')} messages x ${ROUNDS} rounds, median`,
);
console.log('                             msg per CPU-second   msg per wall-second');
console.log(`@zhangyi/wechat              ${fmt(oursCpu)}            ${fmt(oursWall)}`);
console.log(`wechat-crypto + xml2js       ${fmt(refCpu)}            ${fmt(refWall)}`);
console.log(
  `ratio                        ${(oursCpu / refCpu).toFixed(2).padStart(9)}x           ${(oursWall / refWall).toFixed(2).padStart(9)}x`,
);
console.log(
  `targets (CPU): >= 20,000 msg/s ${oursCpu >= 20_000 ? 'met' : 'NOT met'}; ` +
    `>= 2x reference ${oursCpu / refCpu >= 2 ? 'met' : 'NOT met'}`,
);
