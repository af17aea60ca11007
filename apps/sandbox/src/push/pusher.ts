// Delivers messages and events to the server's message URL as WeChat does: signed query, plain or
// encrypted XML body, 5 s per attempt (scaled), 3 attempts in all, the same message each time.
import type { Ctx } from '../context';
import { encryptMessage, sha1Sorted } from '../crypto/msgcrypt';
import { buildXml, type XmlInputObject } from '../crypto/xml';
import { digits } from '../ids';
import type { ChatMessage } from '../store';
import { parseReply, ReplyError } from './reply';

/** One HTTP attempt to deliver a push. */
export interface PushAttempt {
  /** Sandbox-clock milliseconds when the attempt started. */
  at: number;
  durationMs: number;
  status?: number;
  error?: string;
}

/** A message or event pushed to the server, with its attempts and outcome. */
export interface PushRecord {
  id: number;
  openid: string;
  /** MsgType, or `event:<Event>`. */
  kind: string;
  /** The plaintext XML, identical on every attempt. */
  xml: string;
  attempts: PushAttempt[];
  outcome: 'pending' | 'replied' | 'no-reply' | 'bad-reply' | 'failed';
  reply?: ChatMessage;
  replyError?: string;
}

const ATTEMPTS = 3;
const KEEP = 500;

/** Sends pushes and remembers the last few hundred for the control API. */
export class Pusher {
  private records: PushRecord[] = [];
  private nextId = 1;
  private aborts = new Set<AbortController>();
  private timers = new Set<NodeJS.Timeout>();

  constructor(private readonly ctx: Ctx) {}

  /**
   * Pushes `fields` (without the addressing header) for `openid` and awaits the outcome. Replies
   * to pushes the user did not cause (`userFacing: false`) are checked but, as in WeChat, never
   * reach the chat.
   */
  async push(
    openid: string,
    fields: XmlInputObject,
    { userFacing = true }: { userFacing?: boolean } = {},
  ): Promise<PushRecord> {
    const { config } = this.ctx;
    const xml = buildXml({
      ToUserName: config.originalId,
      FromUserName: openid,
      ...fields,
    });
    const kind =
      fields.MsgType === 'event' ? `event:${String(fields.Event)}` : String(fields.MsgType);
    const record: PushRecord = {
      id: this.nextId++,
      openid,
      kind,
      xml,
      attempts: [],
      outcome: 'pending',
    };
    this.records.push(record);
    if (this.records.length > KEEP) this.records.shift();

    for (let i = 0; i < ATTEMPTS; i++) {
      const result = await this.attempt(openid, xml);
      record.attempts.push(result.attempt);
      if (result.body === undefined) continue;
      try {
        const reply = parseReply(config, result.body, openid);
        if (!reply) {
          record.outcome = 'no-reply';
        } else if (!userFacing) {
          record.outcome = 'replied';
        } else {
          record.outcome = 'replied';
          record.reply = this.ctx.store.addMessage({
            ...reply,
            openid,
            at: this.ctx.clock.now(),
            kind: 'passive',
          });
        }
      } catch (e) {
        if (!(e instanceof ReplyError)) throw e;
        record.outcome = 'bad-reply';
        record.replyError = e.message;
        if (userFacing) this.unavailable(openid);
      }
      return record;
    }
    record.outcome = 'failed';
    if (userFacing) this.unavailable(openid);
    return record;
  }

  /** Pushes an event WeChat sends on its own (e.g. TEMPLATESENDJOBFINISH) later, not waiting. */
  pushLater(openid: string, fields: XmlInputObject, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.push(openid, fields, { userFacing: false }).catch(() => undefined);
    }, delayMs);
    this.timers.add(timer);
  }

  /** The recorded pushes, newest last. */
  list(): PushRecord[] {
    return this.records;
  }

  /** Forgets recorded pushes. */
  clear(): void {
    this.records = [];
  }

  /** Aborts attempts in flight and scheduled pushes (on close). */
  stop(): void {
    for (const a of this.aborts) a.abort();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** WeChat's server-URL check: GET with signature and echostr, expecting echostr back. */
  async verifyUrl(): Promise<{ ok: boolean; status?: number; body?: string; error?: string }> {
    const { config } = this.ctx;
    const timestamp = String(this.ctx.clock.seconds());
    const nonce = digits(10);
    const echostr = digits(19);
    const url = new URL(config.callbackUrl);
    url.searchParams.set('signature', sha1Sorted([config.token, timestamp, nonce]));
    url.searchParams.set('echostr', echostr);
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(config.replyTimeoutMs) });
      const body = await res.text();
      return { ok: res.status === 200 && body === echostr, status: res.status, body };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }

  private unavailable(openid: string): void {
    this.ctx.store.addMessage({
      openid,
      at: this.ctx.clock.now(),
      kind: 'system',
      msgType: 'text',
      content: '该公众号暂时无法提供服务，请稍后再试',
    });
  }

  private async attempt(
    openid: string,
    xml: string,
  ): Promise<{ attempt: PushAttempt; body?: string }> {
    const { config, clock } = this.ctx;
    const timestamp = String(clock.seconds());
    const nonce = digits(10);
    const url = new URL(config.callbackUrl);
    url.searchParams.set('signature', sha1Sorted([config.token, timestamp, nonce]));
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    url.searchParams.set('openid', openid);
    let body = xml;
    if (config.messageMode !== 'plain') {
      const encrypted = encryptMessage(config.encodingAESKey, config.appId, xml);
      url.searchParams.set('encrypt_type', 'aes');
      url.searchParams.set(
        'msg_signature',
        sha1Sorted([config.token, timestamp, nonce, encrypted]),
      );
      const envelope = buildXml({ ToUserName: config.originalId, Encrypt: encrypted });
      // Compatible mode carries the plaintext fields and the ciphertext side by side.
      body =
        config.messageMode === 'safe'
          ? envelope
          : xml.replace(/<\/xml>$/, `<Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`);
    }
    const started = Date.now();
    const at = clock.now();
    const abort = new AbortController();
    this.aborts.add(abort);
    const timer = setTimeout(() => abort.abort(), config.replyTimeoutMs);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', 'user-agent': 'Mozilla/4.0' },
        body,
        signal: abort.signal,
      });
      const text = await res.text();
      const attempt: PushAttempt = { at, durationMs: Date.now() - started, status: res.status };
      if (res.status !== 200) return { attempt: { ...attempt, error: `HTTP ${res.status}` } };
      return { attempt, body: text };
    } catch (e) {
      const error = abort.signal.aborted
        ? `no answer within ${config.replyTimeoutMs} ms`
        : (e as Error).message;
      return { attempt: { at, durationMs: Date.now() - started, error } };
    } finally {
      clearTimeout(timer);
      this.aborts.delete(abort);
    }
  }
}
