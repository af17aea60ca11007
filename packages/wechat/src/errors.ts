// Every failure the library reports is a WechatError with a stable `code`, so callers can branch on
// the class (or the code) without parsing messages. Messages never contain secrets or tokens.

/** Base class of every error thrown by this library. */
export class WechatError extends Error {
  /** Stable machine-readable code, e.g. `SIGNATURE_MISMATCH`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A caller passed a value the protocol cannot carry (bad EncodingAESKey, too many articles, ...). */
export class WechatArgumentError extends WechatError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}

/** A message signature (`signature` / `msg_signature`) does not match. */
export class SignatureMismatchError extends WechatError {
  constructor(message = 'signature does not match') {
    super('SIGNATURE_MISMATCH', message);
  }
}

/** A signed timestamp is outside the accepted window (replay or badly skewed clock). */
export class TimestampOutOfWindowError extends WechatError {
  /** The timestamp received, in seconds, or NaN when it was not a number. */
  readonly timestamp: number;
  /** The window in seconds. */
  readonly windowSeconds: number;

  constructor(timestamp: number, windowSeconds: number) {
    super(
      'TIMESTAMP_OUT_OF_WINDOW',
      Number.isFinite(timestamp)
        ? `timestamp ${timestamp} is more than ${windowSeconds}s away from now`
        : 'timestamp is not a number of seconds',
    );
    this.timestamp = timestamp;
    this.windowSeconds = windowSeconds;
  }
}

/** The AppID (or CorpID) at the end of a decrypted message is not ours. */
export class AppIdMismatchError extends WechatError {
  /** The AppID found in the message. */
  readonly actual: string;

  constructor(actual: string) {
    super('APPID_MISMATCH', 'decrypted message belongs to another AppID');
    this.actual = actual;
  }
}

/** The PKCS#7 padding of a decrypted message is invalid. */
export class PaddingError extends WechatError {
  constructor(message = 'invalid PKCS#7 padding') {
    super('BAD_PADDING', message);
  }
}

/** The ciphertext is not base64, has an impossible length, or its length header is inconsistent. */
export class CiphertextError extends WechatError {
  constructor(message: string) {
    super('BAD_CIPHERTEXT', message);
  }
}

/** Why the XML codec refused a document. */
export type XmlErrorReason =
  'doctype' | 'entity' | 'too_large' | 'too_deep' | 'malformed' | 'encoding';

/** The XML codec refused a document; `reason` says why. */
export class XmlError extends WechatError {
  /** Which rule the document broke. */
  readonly reason: XmlErrorReason;

  constructor(reason: XmlErrorReason, message: string) {
    super('XML_REFUSED', `${reason}: ${message}`);
    this.reason = reason;
  }
}

/** A well-formed XML document that is not a WeChat message (wrong root, missing fields, ...). */
export class MessageFormatError extends WechatError {
  constructor(message: string) {
    super('BAD_MESSAGE', message);
  }
}

/** WeChat answered with a non-zero `errcode`. */
export class WechatApiError extends WechatError {
  /** WeChat's numeric error code. */
  readonly errcode: number;
  /** WeChat's error message. */
  readonly errmsg: string;
  /** The API path that failed, e.g. `/cgi-bin/menu/create` (never with the token). */
  readonly endpoint: string;

  constructor(errcode: number, errmsg: string, endpoint: string, code = 'API_ERROR') {
    super(code, `${endpoint} failed: errcode ${errcode} (${errmsg})`);
    this.errcode = errcode;
    this.errmsg = errmsg;
    this.endpoint = endpoint;
  }
}

/** An OAuth2 `code` was invalid, expired or already used (errcode 40029 / 40163). */
export class OAuthCodeError extends WechatApiError {
  constructor(errcode: number, errmsg: string, endpoint: string) {
    super(errcode, errmsg, endpoint, 'OAUTH_CODE_INVALID');
    this.message = `OAuth2 code is invalid, expired or already used: errcode ${errcode} (${errmsg})`;
  }
}

/** The server answered, but not with what the protocol promises (HTTP status, not JSON, ...). */
export class WechatResponseError extends WechatError {
  /** HTTP status of the response. */
  readonly status: number;
  /** The API path. */
  readonly endpoint: string;

  constructor(status: number, endpoint: string, message: string) {
    super('BAD_RESPONSE', `${endpoint}: ${message}`);
    this.status = status;
    this.endpoint = endpoint;
  }
}

/** The request never got an answer: DNS, refused connection, reset, TLS failure. */
export class WechatNetworkError extends WechatError {
  /** The API path. */
  readonly endpoint: string;

  constructor(endpoint: string, cause: unknown) {
    super('NETWORK_ERROR', `${endpoint}: network error`, { cause });
    this.endpoint = endpoint;
  }
}

/** The request did not complete within its timeout. */
export class WechatTimeoutError extends WechatError {
  /** The API path. */
  readonly endpoint: string;
  /** The timeout that elapsed, in milliseconds. */
  readonly timeoutMs: number;

  constructor(endpoint: string, timeoutMs: number) {
    super('TIMEOUT', `${endpoint}: no answer within ${timeoutMs} ms`);
    this.endpoint = endpoint;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * WeChat Pay answered with an HTTP error. Its own error code (e.g. `ORDER_NOT_EXIST`) is in
 * `payCode`, because `code` is this library's stable code like on every other error.
 */
export class PayApiError extends WechatError {
  /** HTTP status. */
  readonly status: number;
  /** WeChat Pay's error code, e.g. `ORDER_NOT_EXIST`, `PARAM_ERROR`, `SIGN_ERROR`. */
  readonly payCode: string;
  /** WeChat Pay's error message. */
  readonly payMessage: string;
  /** The API path. */
  readonly endpoint: string;

  constructor(status: number, payCode: string, payMessage: string, endpoint: string) {
    super('PAY_API_ERROR', `${endpoint} failed: HTTP ${status} ${payCode} (${payMessage})`);
    this.status = status;
    this.payCode = payCode;
    this.payMessage = payMessage;
    this.endpoint = endpoint;
  }
}

/** A WeChat Pay response or notification signature does not verify. */
export class PaySignatureError extends WechatError {
  constructor(message = 'WeChat Pay signature does not verify') {
    super('PAY_SIGNATURE_INVALID', message);
  }
}

/** `Wechatpay-Serial` names a certificate or public key we do not have. */
export class PaySerialUnknownError extends WechatError {
  /** The serial (or public key id) that was sent. */
  readonly serial: string;

  constructor(serial: string) {
    super('PAY_SERIAL_UNKNOWN', `unknown WeChat Pay serial ${JSON.stringify(serial)}`);
    this.serial = serial;
  }
}

/** AES-256-GCM decryption of a WeChat Pay resource failed (wrong key, tampered, malformed). */
export class PayDecryptError extends WechatError {
  constructor(message: string) {
    super('PAY_DECRYPT_FAILED', message);
  }
}

/** A verified WeChat Pay notification or response body does not have the documented shape. */
export class PayFormatError extends WechatError {
  constructor(message: string) {
    super('PAY_BAD_FORMAT', message);
  }
}

/**
 * A downloaded bill does not match the `hash_value` of the signed answer that announced it: the
 * file was altered or truncated on the way, and none of it may be used.
 */
export class PayBillHashMismatchError extends WechatError {
  /** The hash the signed answer announced. */
  readonly expected: string;
  /** The hash of what was downloaded. */
  readonly actual: string;

  constructor(expected: string, actual: string) {
    super('PAY_BILL_HASH_MISMATCH', `bill SHA1 ${actual} does not match the announced ${expected}`);
    this.expected = expected;
    this.actual = actual;
  }
}
