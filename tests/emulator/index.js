'use strict';
/**
 * A local stand-in for the parts of WeChat the product talks to: mini program login (jscode2session) and
 * WeChat Pay v3 (JSAPI orders, query/close, refunds, platform certificates, payment and refund
 * notifications). It signs, verifies and encrypts the way the real service does (see WECHAT.md), so the
 * product code under test is the production code, not a test double.
 *
 * Node built-ins only: it also runs from cli.js for demos without a test runner.
 */
const http = require('node:http');
const https = require('node:https');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fixtures = require('./fixtures');

const LOGIN_CODE_TTL_MS = 5 * 60 * 1000;
const SIGNATURE_WINDOW_SECONDS = 300;
const NOTIFY_TIMEOUT_MS = 5000;
const OUT_TRADE_NO = /^[A-Za-z0-9_-]{6,32}$/;
const OUT_REFUND_NO = /^[A-Za-z0-9_-]{1,64}$/;
const SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/';

const TRADE_STATE_DESC = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REFUND: '订单发生过退款',
};
const REFUND_SUMMARY = { SUCCESS: '退款成功', ABNORMAL: '退款异常', CLOSED: '退款关闭' };

class EmulatorHttpError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
const httpError = (status, code, message) => new EmulatorHttpError(status, code, message);

const randomHex = (bytes) => crypto.randomBytes(bytes).toString('hex').toUpperCase();
const randomNonce = (length) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
};

/** WeChat writes times as RFC 3339 in Beijing time, without milliseconds. */
function beijingTime(date) {
  const shifted = new Date(date.getTime() + 8 * 3600 * 1000);
  return shifted.toISOString().slice(0, 19) + '+08:00';
}

/** A stable openid for a code, so `acceptAnyCode` demos log the same person in for the same code. */
function openidForCode(appid, code) {
  const digest = crypto.createHash('sha256').update(`${appid}:${code}`).digest('base64url');
  return 'o' + digest.slice(0, 27);
}

/** JSON with every non-ASCII character written as a \u escape, as some WeChat bodies arrive. */
function escapeNonAscii(json) {
  return json.replace(/[\u007f-\uffff]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}

function parseAuthorization(header) {
  if (typeof header !== 'string') return null;
  const match = /^WECHATPAY2-SHA256-RSA2048\s+(.+)$/.exec(header.trim());
  if (!match) return null;
  const fields = {};
  const pair = /\s*([a-z_]+)="([^"]*)"\s*(?:,|$)/g;
  let m;
  let consumed = 0;
  while ((m = pair.exec(match[1])) !== null) {
    if (m.index !== consumed) return null;
    fields[m[1]] = m[2];
    consumed = pair.lastIndex;
  }
  if (consumed !== match[1].length) return null;
  return fields;
}

function isInt(v) {
  return typeof v === 'number' && Number.isInteger(v);
}

function isHttpUrl(v) {
  if (typeof v !== 'string' || v.length > 255) return false;
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.search;
  } catch {
    return false;
  }
}

function aesGcmEncrypt(apiV3Key, plaintext, associatedData) {
  const nonce = randomNonce(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(Buffer.from(plaintext, 'utf8')), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: encrypted.toString('base64'), associated_data: associatedData, nonce };
}

/**
 * @param {object} [opts]
 * @param {number} [opts.port=0] 0 picks a free port.
 * @param {string} [opts.host='127.0.0.1']
 * @param {string} [opts.appid] @param {string} [opts.secret] @param {string} [opts.mchid] @param {string} [opts.apiV3Key]
 * @param {boolean} [opts.acceptAnyCode=false] unknown login codes log in a deterministic openid (demos).
 * @param {boolean|number} [opts.autoSettleRefunds=false] settle new refunds as SUCCESS (after N ms if a number).
 * @param {number} [opts.notifyTimeoutMs=5000] how long a notification delivery waits for the merchant.
 * @param {() => number} [opts.clock] milliseconds since the epoch; defaults to Date.now.
 * @param {(line: string) => void} [opts.log] one line per handled request (cli.js prints them).
 */
async function startWechatEmulator(opts = {}) {
  const cfg = {
    host: opts.host || '127.0.0.1',
    port: opts.port ?? 0,
    appid: opts.appid || fixtures.appid,
    secret: opts.secret || fixtures.secret,
    mchid: opts.mchid || fixtures.mchid,
    apiV3Key: opts.apiV3Key || fixtures.apiV3Key,
    merchantSerialNo: (opts.merchantSerialNo || fixtures.merchantSerialNo).toUpperCase(),
    platformSerialNo: (opts.platformSerialNo || fixtures.platformSerialNo).toUpperCase(),
    acceptAnyCode: Boolean(opts.acceptAnyCode),
    autoSettleRefunds: opts.autoSettleRefunds ?? false,
    notifyTimeoutMs: opts.notifyTimeoutMs ?? NOTIFY_TIMEOUT_MS,
    clock: opts.clock || Date.now,
    log: opts.log || null,
  };
  const merchantPublicKey = crypto.createPublicKey(
    opts.merchantCertPem || fs.readFileSync(fixtures.paths.merchantCert),
  );
  const platformPrivateKey = crypto.createPrivateKey(opts.platformKeyPem || fs.readFileSync(fixtures.paths.platformKey));
  const platformCertPem = (opts.platformCertPem || fs.readFileSync(fixtures.paths.platformCert)).toString('utf8');
  const platformCert = new crypto.X509Certificate(platformCertPem);

  const loginCodes = new Map(); // code -> { openid, unionid, issuedAt, used }
  const loginFailures = []; // { errcode, remaining, httpStatus }
  const orders = new Map(); // out_trade_no -> order
  const refunds = new Map(); // out_refund_no -> refund
  const requests = [];
  const notifications = [];
  const faults = [];
  const timers = new Set();
  let sequence = 0;

  const nowMs = () => cfg.clock();
  const nowSeconds = () => Math.floor(nowMs() / 1000);
  // 28 digits like WeChat's ids; the time part keeps ids unique across emulator restarts in demos.
  const numericId = (prefix) => prefix + String(nowSeconds()).padStart(12, '0') + String(++sequence).padStart(12, '0');

  // ---------------------------------------------------------------- signing
  function platformSign(timestamp, nonce, bodyBuffer) {
    const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), bodyBuffer, Buffer.from('\n')]);
    return crypto.sign('sha256', message, platformPrivateKey).toString('base64');
  }

  /**
   * Headers WeChat puts on responses and notifications. `tamper` forges one aspect so the receiver's
   * checks can be proven, each on its own.
   */
  function signedHeaders(bodyBuffer, tamper) {
    let timestamp = String(nowSeconds());
    if (tamper === 'timestamp') timestamp = String(nowSeconds() - 10 * 60);
    const nonce = randomHex(16);
    let signature = platformSign(timestamp, nonce, bodyBuffer);
    let serial = cfg.platformSerialNo;
    if (tamper === 'signature') {
      // Validly shaped, made by the right key, but over other bytes: only a real verification notices.
      signature = platformSign(timestamp, nonce, Buffer.concat([bodyBuffer, Buffer.from(' ')]));
    } else if (tamper === 'serial') {
      serial = randomHex(20);
    } else if (tamper === 'signtest') {
      signature = SIGNTEST_PREFIX + crypto.randomBytes(192).toString('base64');
    }
    return {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Serial': serial,
      'Wechatpay-Signature': signature,
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
      'Request-ID': crypto.randomUUID(),
    };
  }

  // ---------------------------------------------------------------- merchant request verification
  function verifyMerchantRequest(req, rawBody) {
    const auth = parseAuthorization(req.headers.authorization);
    if (!auth) throw httpError(401, 'SIGN_ERROR', 'Authorization header missing or not WECHATPAY2-SHA256-RSA2048');
    for (const f of ['mchid', 'nonce_str', 'timestamp', 'serial_no', 'signature']) {
      if (!auth[f]) throw httpError(401, 'SIGN_ERROR', `Authorization lacks ${f}`);
    }
    if (auth.mchid !== cfg.mchid) throw httpError(401, 'SIGN_ERROR', 'mchid in Authorization is not a known merchant');
    if (auth.serial_no.toUpperCase() !== cfg.merchantSerialNo) {
      throw httpError(401, 'SIGN_ERROR', 'serial_no does not match the merchant certificate');
    }
    if (!/^\d+$/.test(auth.timestamp) || Math.abs(nowSeconds() - Number(auth.timestamp)) > SIGNATURE_WINDOW_SECONDS) {
      throw httpError(401, 'SIGN_ERROR', 'timestamp is outside the 300 s window');
    }
    const message = Buffer.concat([
      Buffer.from(`${req.method}\n${req.url}\n${auth.timestamp}\n${auth.nonce_str}\n`, 'utf8'),
      rawBody,
      Buffer.from('\n'),
    ]);
    let ok = false;
    try {
      ok = crypto.verify('sha256', message, merchantPublicKey, Buffer.from(auth.signature, 'base64'));
    } catch {
      ok = false;
    }
    if (!ok) throw httpError(401, 'SIGN_ERROR', '错误的签名，验签失败 (signature does not verify with the merchant certificate)');
    return auth;
  }

  function parseJsonBody(rawBody) {
    if (rawBody.length === 0) throw httpError(400, 'PARAM_ERROR', 'request body is empty');
    try {
      const parsed = JSON.parse(rawBody.toString('utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      return parsed;
    } catch {
      throw httpError(400, 'PARAM_ERROR', 'request body is not a JSON object');
    }
  }

  // ---------------------------------------------------------------- views
  function transactionView(order) {
    const view = {
      appid: order.appid,
      mchid: order.mchid,
      out_trade_no: order.out_trade_no,
      trade_type: 'JSAPI',
      trade_state: order.trade_state,
      trade_state_desc: TRADE_STATE_DESC[order.trade_state],
      amount: { total: order.amount.total, currency: order.amount.currency },
    };
    if (order.attach !== undefined) view.attach = order.attach;
    if (order.transaction_id) {
      view.transaction_id = order.transaction_id;
      view.bank_type = 'OTHERS';
      view.success_time = order.success_time;
      view.payer = { openid: order.payer.openid };
      view.amount.payer_total = order.amount.total;
      view.amount.payer_currency = order.amount.currency;
    }
    return view;
  }

  function refundView(refund) {
    const order = orders.get(refund.out_trade_no);
    const view = {
      refund_id: refund.refund_id,
      out_refund_no: refund.out_refund_no,
      transaction_id: order.transaction_id,
      out_trade_no: refund.out_trade_no,
      channel: 'ORIGINAL',
      user_received_account: '支付用户零钱',
      create_time: refund.create_time,
      status: refund.status,
      funds_account: 'AVAILABLE',
      amount: {
        total: refund.amount.total,
        refund: refund.amount.refund,
        payer_total: refund.amount.total,
        payer_refund: refund.amount.refund,
        settlement_total: refund.amount.total,
        settlement_refund: refund.amount.refund,
        discount_refund: 0,
        currency: 'CNY',
        refund_fee: 0,
      },
    };
    if (refund.success_time) view.success_time = refund.success_time;
    return view;
  }

  // ---------------------------------------------------------------- login
  function handleCode2Session(url) {
    const q = url.searchParams;
    const failure = loginFailures[0];
    if (failure) {
      failure.remaining -= 1;
      if (failure.remaining <= 0) loginFailures.shift();
      const messages = { '-1': 'system error', 40029: 'invalid code', 40163: 'code been used', 45011: 'api minute-quota reach limit', 40226: 'invalid user' };
      return { status: failure.httpStatus, body: { errcode: failure.errcode, errmsg: messages[failure.errcode] || 'emulated failure' } };
    }
    if (q.get('appid') !== cfg.appid) return { status: 200, body: { errcode: 40013, errmsg: 'invalid appid' } };
    if (q.get('secret') !== cfg.secret) return { status: 200, body: { errcode: 40125, errmsg: 'invalid appsecret' } };
    if (q.get('grant_type') !== 'authorization_code') return { status: 200, body: { errcode: 40002, errmsg: 'invalid grant_type' } };
    const code = q.get('js_code');
    if (!code) return { status: 200, body: { errcode: 41008, errmsg: 'missing code' } };
    let entry = loginCodes.get(code);
    if (!entry && cfg.acceptAnyCode) {
      entry = { openid: openidForCode(cfg.appid, code), unionid: null, issuedAt: nowMs(), used: false };
      loginCodes.set(code, entry);
    }
    if (!entry || nowMs() - entry.issuedAt > LOGIN_CODE_TTL_MS) {
      return { status: 200, body: { errcode: 40029, errmsg: 'invalid code' } };
    }
    if (entry.used) return { status: 200, body: { errcode: 40163, errmsg: 'code been used' } };
    entry.used = true;
    const body = { session_key: crypto.randomBytes(16).toString('base64'), openid: entry.openid };
    if (entry.unionid) body.unionid = entry.unionid;
    return { status: 200, body };
  }

  function issueCode({ openid, unionid } = {}) {
    if (typeof openid !== 'string' || !openid) throw new Error('issueCode needs an openid');
    const code = randomNonce(32);
    loginCodes.set(code, { openid, unionid: unionid || null, issuedAt: nowMs(), used: false });
    return code;
  }

  function failNextLogin(errcode, { times = 1, httpStatus = 200 } = {}) {
    if (!isInt(errcode)) throw new Error('failNextLogin needs a numeric errcode');
    loginFailures.push({ errcode, remaining: times, httpStatus });
  }

  // ---------------------------------------------------------------- access token and subscribe messages
  // Mini program server APIs: /cgi-bin/stable_token and /cgi-bin/message/subscribe/send. Every token fetch
  // and every delivered message is counted, so tests can see "one token for the cluster" and "exactly once".
  const accessTokens = new Map(); // token -> { expiresAt, revoked }
  let currentToken = null;
  let tokenLifetimeSeconds = 7200;
  const tokenFetches = []; // { at, forceRefresh, token }
  const subscribeMessages = []; // delivered: { at, touser, template_id, page, data, miniprogram_state }
  const subscribeFailures = []; // { errcode?, httpStatus?, delayMs?, remaining }
  const SUBSCRIBE_ERRMSG = { '-1': 'system error', 40003: 'invalid openid', 40037: 'invalid template_id', 41030: 'invalid page', 43101: 'user refuse to accept the msg', 43107: 'api banned', 45168: 'keyword blocked', 47003: 'argument invalid! data.thing1.value invalid' };

  const sleep = (ms) =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  function handleStableToken(body) {
    if (!body || body.grant_type !== 'client_credential') return { status: 200, body: { errcode: 40002, errmsg: 'invalid grant_type' } };
    if (body.appid !== cfg.appid) return { status: 200, body: { errcode: 40013, errmsg: 'invalid appid' } };
    if (body.secret !== cfg.secret) return { status: 200, body: { errcode: 40125, errmsg: 'invalid appsecret' } };
    const force = body.force_refresh === true;
    tokenFetches.push({ at: new Date(nowMs()).toISOString(), forceRefresh: force });
    const current = currentToken && accessTokens.get(currentToken);
    // Like WeChat: a normal call hands out the same token until its last 5 minutes (then a new one, the old
    // one staying valid to its end); force_refresh revokes it at once.
    if (!force && current && !current.revoked && current.expiresAt - nowMs() > 5 * 60_000) {
      return { status: 200, body: { access_token: currentToken, expires_in: Math.floor((current.expiresAt - nowMs()) / 1000) } };
    }
    if (current && force) current.revoked = true;
    currentToken = `emu_${randomNonce(40)}`;
    accessTokens.set(currentToken, { expiresAt: nowMs() + tokenLifetimeSeconds * 1000, revoked: false });
    tokenFetches[tokenFetches.length - 1].token = currentToken;
    return { status: 200, body: { access_token: currentToken, expires_in: tokenLifetimeSeconds } };
  }

  const KEYWORD_LIMITS = [
    [/^thing\d+$/, (v) => Array.from(v).length <= 20],
    [/^character_string\d+$/, (v) => v.length <= 32 && /^[A-Za-z0-9_\-.:#@]*$/.test(v)],
    [/^phrase\d+$/, (v) => Array.from(v).length <= 5 && !/[A-Za-z0-9]/.test(v)],
    [/^time\d+$/, (v) => /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(v)],
  ];
  function badKeyword(data) {
    if (!data || typeof data !== 'object') return 'data';
    for (const [key, entry] of Object.entries(data)) {
      const value = entry && typeof entry.value === 'string' ? entry.value : null;
      if (value === null) return key;
      const rule = KEYWORD_LIMITS.find(([re]) => re.test(key));
      if (rule && !rule[1](value)) return key;
    }
    return null;
  }

  async function handleSubscribeSend(url, body) {
    const token = accessTokens.get(url.searchParams.get('access_token') || '');
    if (!token || token.revoked) return { status: 200, body: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' } };
    if (token.expiresAt <= nowMs()) return { status: 200, body: { errcode: 42001, errmsg: 'access_token expired' } };
    const failure = subscribeFailures[0];
    if (failure) {
      failure.remaining -= 1;
      if (failure.remaining <= 0) subscribeFailures.shift();
    }
    // A gateway error: no JSON errcode at all.
    if (failure && failure.httpStatus) return { status: failure.httpStatus, body: null };
    if (failure && failure.errcode !== undefined) {
      return { status: 200, body: { errcode: failure.errcode, errmsg: SUBSCRIBE_ERRMSG[failure.errcode] || 'emulated failure' } };
    }
    if (!body || typeof body.touser !== 'string' || !body.touser) return { status: 200, body: { errcode: 40003, errmsg: SUBSCRIBE_ERRMSG[40003] } };
    if (typeof body.template_id !== 'string' || !body.template_id) return { status: 200, body: { errcode: 40037, errmsg: SUBSCRIBE_ERRMSG[40037] } };
    const bad = badKeyword(body.data);
    if (bad) return { status: 200, body: { errcode: 47003, errmsg: `argument invalid! data.${bad}.value invalid` } };
    subscribeMessages.push({ at: new Date(nowMs()).toISOString(), touser: body.touser, template_id: body.template_id, page: body.page, data: body.data, miniprogram_state: body.miniprogram_state });
    // Delivered to the member; the answer is late (a slow gateway): a sender that dies meanwhile never hears it.
    if (failure && failure.delayMs) await sleep(failure.delayMs);
    return { status: 200, body: { errcode: 0, errmsg: 'ok', msgid: Number(String(nowMs()).slice(-9)) } };
  }

  /** The next `times` sends answer `errcode` (43101, 47003, -1 …), HTTP `httpStatus`, or deliver then answer after `delayMs`. */
  function failNextSubscribe(o = {}) {
    if (o.errcode === undefined && o.httpStatus === undefined && o.delayMs === undefined) throw new Error('failNextSubscribe needs errcode, httpStatus or delayMs');
    subscribeFailures.push({ errcode: o.errcode, httpStatus: o.httpStatus, delayMs: o.delayMs, remaining: o.times ?? 1 });
  }
  /** Every token handed out so far is expired (sends answer 42001) until the CMS fetches a new one. */
  function expireAccessTokens() {
    for (const t of accessTokens.values()) t.expiresAt = Math.min(t.expiresAt, nowMs());
  }
  function setAccessTokenLifetime(seconds) {
    tokenLifetimeSeconds = seconds;
  }
  function subscribeCount({ touser, template_id } = {}) {
    return subscribeMessages.filter((m) => (!touser || m.touser === touser) && (!template_id || m.template_id === template_id)).length;
  }

  // ---------------------------------------------------------------- pay: orders
  function createJsapiOrder(auth, body) {
    const need = (cond, message, code = 'PARAM_ERROR') => {
      if (!cond) throw httpError(400, code, message);
    };
    need(typeof body.appid === 'string' && body.appid, 'appid is required');
    need(typeof body.mchid === 'string' && body.mchid, 'mchid is required');
    need(body.mchid === auth.mchid, 'mchid in the body differs from the signed mchid');
    need(body.appid === cfg.appid, 'appid and mchid are not bound', 'APPID_MCHID_NOT_MATCH');
    need(typeof body.description === 'string' && body.description.length > 0, 'description is required');
    need([...body.description].length <= 127, 'description is longer than 127 characters');
    need(typeof body.out_trade_no === 'string' && OUT_TRADE_NO.test(body.out_trade_no),
      'out_trade_no must be 6-32 characters of letters, digits, _ or -');
    need(isHttpUrl(body.notify_url), 'notify_url must be an absolute http(s) URL without a query string');
    need(body.attach === undefined || (typeof body.attach === 'string' && body.attach.length <= 128), 'attach is longer than 128 characters');
    need(body.amount && typeof body.amount === 'object', 'amount is required');
    need(isInt(body.amount.total) && body.amount.total > 0, 'amount.total must be a positive integer (fen)');
    need(body.amount.currency === undefined || body.amount.currency === 'CNY', 'amount.currency must be CNY');
    need(body.payer && typeof body.payer.openid === 'string' && body.payer.openid.length > 0, 'payer.openid is required');
    let expiresAtMs = null;
    if (body.time_expire !== undefined) {
      need(typeof body.time_expire === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/.test(body.time_expire),
        'time_expire must be RFC 3339 (yyyy-MM-DDTHH:mm:ss+08:00)');
      expiresAtMs = Date.parse(body.time_expire);
      need(Number.isFinite(expiresAtMs), 'time_expire is not a valid time');
      need(expiresAtMs > nowMs(), 'time_expire is in the past');
    }

    const existing = orders.get(body.out_trade_no);
    if (existing) {
      if (existing.trade_state === 'SUCCESS' || existing.trade_state === 'REFUND') throw httpError(403, 'ORDERPAID', '该订单已支付 (order already paid)');
      if (existing.trade_state === 'CLOSED') throw httpError(400, 'ORDER_CLOSED', '订单已关闭 (order closed)');
      // WeChat answers a retried identical request with the same prepay_id and refuses a different one.
      const same = existing.description === body.description && existing.amount.total === body.amount.total &&
        existing.payer.openid === body.payer.openid && existing.notify_url === body.notify_url &&
        existing.attach === body.attach && existing.time_expire === body.time_expire;
      if (!same) throw httpError(400, 'INVALID_REQUEST', '201 商户订单号重复 (out_trade_no already used with other parameters)');
      return { status: 200, body: { prepay_id: existing.prepay_id } };
    }

    const order = {
      appid: body.appid,
      mchid: body.mchid,
      out_trade_no: body.out_trade_no,
      description: body.description,
      notify_url: body.notify_url,
      attach: body.attach,
      time_expire: body.time_expire,
      expires_at_ms: expiresAtMs,
      amount: { total: body.amount.total, currency: body.amount.currency || 'CNY' },
      payer: { openid: body.payer.openid },
      prepay_id: 'wx' + randomHex(14).toLowerCase(),
      trade_state: 'NOTPAY',
      transaction_id: null,
      success_time: null,
      created_at: beijingTime(new Date(nowMs())),
    };
    orders.set(order.out_trade_no, order);
    return { status: 200, body: { prepay_id: order.prepay_id } };
  }

  function findOrder(outTradeNo) {
    const order = orders.get(outTradeNo);
    if (!order) throw httpError(404, 'ORDER_NOT_EXIST', '订单不存在 (no such out_trade_no)');
    return order;
  }

  function queryOrder(auth, outTradeNo, url) {
    if (url.searchParams.get('mchid') !== auth.mchid) throw httpError(400, 'PARAM_ERROR', 'mchid query parameter is required and must match');
    return { status: 200, body: transactionView(findOrder(outTradeNo)) };
  }

  function closeOrder(auth, outTradeNo, body) {
    if (body.mchid !== auth.mchid) throw httpError(400, 'PARAM_ERROR', 'mchid is required and must match');
    const order = findOrder(outTradeNo);
    if (order.trade_state === 'SUCCESS' || order.trade_state === 'REFUND') throw httpError(400, 'ORDERPAID', '订单已支付 (order already paid)');
    order.trade_state = 'CLOSED';
    return { status: 204, body: null };
  }

  // ---------------------------------------------------------------- pay: refunds
  function refundableLeft(order, exceptRefundNo) {
    let committed = 0;
    for (const r of refunds.values()) {
      if (r.out_trade_no === order.out_trade_no && r.status !== 'CLOSED' && r.out_refund_no !== exceptRefundNo) {
        committed += r.amount.refund;
      }
    }
    return order.amount.total - committed;
  }

  function createRefund(auth, body) {
    const need = (cond, message, code = 'PARAM_ERROR') => {
      if (!cond) throw httpError(400, code, message);
    };
    need(typeof body.out_refund_no === 'string' && OUT_REFUND_NO.test(body.out_refund_no),
      'out_refund_no must be 1-64 characters of letters, digits, _ or -');
    need(body.reason === undefined || (typeof body.reason === 'string' && [...body.reason].length <= 80), 'reason is longer than 80 characters');
    need(body.notify_url === undefined || isHttpUrl(body.notify_url), 'notify_url must be an absolute http(s) URL');
    need(body.amount && typeof body.amount === 'object', 'amount is required');
    need(isInt(body.amount.refund) && body.amount.refund > 0, 'amount.refund must be a positive integer (fen)');
    need(isInt(body.amount.total) && body.amount.total > 0, 'amount.total must be a positive integer (fen)');
    need(body.amount.currency === 'CNY', 'amount.currency must be CNY');
    let order;
    if (typeof body.out_trade_no === 'string') {
      order = orders.get(body.out_trade_no);
    } else if (typeof body.transaction_id === 'string') {
      order = [...orders.values()].find((o) => o.transaction_id === body.transaction_id);
    } else {
      need(false, 'out_trade_no or transaction_id is required');
    }
    if (!order) throw httpError(404, 'RESOURCE_NOT_EXISTS', '订单不存在 (no such order)');
    if (order.mchid !== auth.mchid) throw httpError(404, 'RESOURCE_NOT_EXISTS', '订单不存在 (no such order)');

    const previous = refunds.get(body.out_refund_no);
    if (previous) {
      // A retry with the same out_refund_no is how a merchant recovers from a lost answer: same refund back.
      if (previous.out_trade_no !== order.out_trade_no || previous.amount.refund !== body.amount.refund) {
        throw httpError(400, 'INVALID_REQUEST', 'out_refund_no was already used for a different refund');
      }
      return { status: 200, body: refundView(previous) };
    }
    if (!order.transaction_id) throw httpError(400, 'INVALID_REQUEST', '订单未支付 (the order has not been paid and cannot be refunded)');
    need(body.amount.total === order.amount.total, '订单金额不一致 (amount.total differs from the original order total)', 'INVALID_REQUEST');
    if (body.amount.refund > refundableLeft(order)) {
      throw httpError(403, 'NOT_ENOUGH', '申请退款金额超过订单可退金额 (refunds would exceed the order total)');
    }

    const refund = {
      refund_id: numericId('5030'),
      out_refund_no: body.out_refund_no,
      out_trade_no: order.out_trade_no,
      reason: body.reason,
      notify_url: body.notify_url,
      amount: { refund: body.amount.refund, total: body.amount.total },
      status: 'PROCESSING',
      create_time: beijingTime(new Date(nowMs())),
      success_time: null,
    };
    refunds.set(refund.out_refund_no, refund);
    if (cfg.autoSettleRefunds) {
      const delay = typeof cfg.autoSettleRefunds === 'number' ? cfg.autoSettleRefunds : 20;
      // After the answer is on its way, as WeChat does: the notification may still overtake the merchant's
      // own bookkeeping of the create call.
      const t = setTimeout(() => {
        timers.delete(t);
        settleRefund(refund.out_refund_no, 'SUCCESS').catch(() => {});
      }, delay);
      timers.add(t);
    }
    return { status: 200, body: refundView(refund) };
  }

  function queryRefund(outRefundNo) {
    const refund = refunds.get(outRefundNo);
    if (!refund) throw httpError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在 (no such out_refund_no)');
    return { status: 200, body: refundView(refund) };
  }

  function certificates() {
    return {
      status: 200,
      body: {
        data: [{
          serial_no: cfg.platformSerialNo,
          effective_time: beijingTime(new Date(platformCert.validFrom)),
          expire_time: beijingTime(new Date(platformCert.validTo)),
          encrypt_certificate: aesGcmEncrypt(cfg.apiV3Key, platformCertPem, 'certificate'),
        }],
      },
    };
  }

  // ---------------------------------------------------------------- notifications
  async function post(urlString, bodyBuffer, headers) {
    const url = new URL(urlString);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      const req = transport.request(url, {
        method: 'POST',
        headers: {
          ...headers,
          'Content-Type': 'application/json',
          'Content-Length': bodyBuffer.length,
          'User-Agent': 'Mozilla/4.0 (WeChat Pay emulator)',
        },
        timeout: cfg.notifyTimeoutMs,
      }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => resolve({ status: 0, body: '', error: err.message }));
      });
      req.on('timeout', () => req.destroy(new Error(`merchant did not answer within ${cfg.notifyTimeoutMs} ms`)));
      req.on('error', (err) => resolve({ status: 0, body: '', error: err.message }));
      req.end(bodyBuffer);
    });
  }

  function buildNotificationBody({ eventType, summary, originalType, plaintext, tamper, escapedUnicode }) {
    let plaintextJson = JSON.stringify(plaintext);
    if (escapedUnicode) plaintextJson = escapeNonAscii(plaintextJson);
    const resource = aesGcmEncrypt(cfg.apiV3Key, plaintextJson, originalType);
    resource.original_type = originalType;
    if (tamper === 'ciphertext') {
      // The body is then signed as it is: the signature is fine and only the GCM tag can catch this.
      const bytes = Buffer.from(resource.ciphertext, 'base64');
      bytes[bytes.length - 1] ^= 0x01;
      resource.ciphertext = bytes.toString('base64');
    }
    const envelope = {
      id: 'EV-' + crypto.randomUUID(),
      create_time: beijingTime(new Date(nowMs())),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary,
      resource: {
        original_type: resource.original_type,
        algorithm: resource.algorithm,
        ciphertext: resource.ciphertext,
        associated_data: resource.associated_data,
        nonce: resource.nonce,
      },
    };
    let json = JSON.stringify(envelope);
    if (escapedUnicode) json = escapeNonAscii(json);
    return { id: envelope.id, bodyBuffer: Buffer.from(json, 'utf8') };
  }

  async function deliver(kind, key, url, built, tamper) {
    const headers = signedHeaders(built.bodyBuffer, tamper);
    const result = await post(url, built.bodyBuffer, headers);
    notifications.push({
      kind, key, url, id: built.id, tamper: tamper || null, headers, body: built.bodyBuffer.toString('utf8'),
      responseStatus: result.status, responseBody: result.body, error: result.error || null,
    });
    if (cfg.log) cfg.log(`notify ${kind} ${key} -> ${url} ${result.status}${result.error ? ' ' + result.error : ''}`);
    return result;
  }

  function transactionPlaintext(order, o = {}) {
    const view = transactionView(order);
    if (o.tradeState) {
      view.trade_state = o.tradeState;
      view.trade_state_desc = TRADE_STATE_DESC[o.tradeState] || o.tradeState;
    }
    if (o.amountTotal !== undefined) {
      view.amount = { ...view.amount, total: o.amountTotal, payer_total: o.amountTotal };
    }
    if (o.appid !== undefined) view.appid = o.appid;
    if (o.mchid !== undefined) view.mchid = o.mchid;
    return view;
  }

  /** Sends a transaction notification for the order as it stands (with optional forgeries). */
  async function deliverTransactionNotification(outTradeNo, o = {}) {
    const order = orders.get(outTradeNo);
    if (!order) throw new Error(`no order ${outTradeNo}`);
    const built = buildNotificationBody({
      eventType: o.eventType || 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      originalType: 'transaction',
      plaintext: transactionPlaintext(order, o),
      tamper: o.tamper,
      escapedUnicode: o.escapedUnicode,
    });
    return deliver('transaction', outTradeNo, o.url || order.notify_url, built, o.tamper);
  }

  /** The member paid: the order succeeds and, unless `deliver: false`, WeChat tells the merchant. */
  async function pay(outTradeNo, o = {}) {
    const order = orders.get(outTradeNo);
    if (!order) throw new Error(`no order ${outTradeNo}`);
    if (order.trade_state === 'CLOSED') throw new Error(`order ${outTradeNo} is closed and cannot be paid`);
    if (order.expires_at_ms !== null && nowMs() > order.expires_at_ms) throw new Error(`order ${outTradeNo} expired at ${order.time_expire}`);
    if (!order.transaction_id) {
      order.trade_state = 'SUCCESS';
      order.transaction_id = numericId('4200');
      order.success_time = beijingTime(new Date(nowMs()));
    }
    if (o.deliver === false) return null;
    return deliverTransactionNotification(outTradeNo, o);
  }

  function refundPlaintext(refund) {
    const order = orders.get(refund.out_trade_no);
    const view = {
      mchid: order.mchid,
      out_trade_no: refund.out_trade_no,
      transaction_id: order.transaction_id,
      out_refund_no: refund.out_refund_no,
      refund_id: refund.refund_id,
      refund_status: refund.status,
      user_received_account: '支付用户零钱',
      amount: { total: refund.amount.total, refund: refund.amount.refund, payer_total: refund.amount.total, payer_refund: refund.amount.refund },
    };
    if (refund.success_time) view.success_time = refund.success_time;
    return view;
  }

  async function deliverRefundNotification(outRefundNo, o = {}) {
    const refund = refunds.get(outRefundNo);
    if (!refund) throw new Error(`no refund ${outRefundNo}`);
    const url = o.url || refund.notify_url;
    if (!url) return null;
    if (refund.status === 'PROCESSING' && !o.eventType) throw new Error(`refund ${outRefundNo} is still PROCESSING; settle it first`);
    const built = buildNotificationBody({
      eventType: o.eventType || `REFUND.${refund.status}`,
      summary: REFUND_SUMMARY[refund.status] || refund.status,
      originalType: 'refund',
      plaintext: refundPlaintext(refund),
      tamper: o.tamper,
      escapedUnicode: o.escapedUnicode,
    });
    return deliver('refund', outRefundNo, url, built, o.tamper);
  }

  async function settleRefund(outRefundNo, status = 'SUCCESS', o = {}) {
    const refund = refunds.get(outRefundNo);
    if (!refund) throw new Error(`no refund ${outRefundNo}`);
    if (!['SUCCESS', 'ABNORMAL', 'CLOSED'].includes(status)) throw new Error(`cannot settle a refund as ${status}`);
    const allowed = refund.status === 'PROCESSING' || (refund.status === 'ABNORMAL' && status !== 'ABNORMAL');
    if (!allowed) throw new Error(`refund ${outRefundNo} is already ${refund.status}`);
    refund.status = status;
    if (status === 'SUCCESS') {
      refund.success_time = beijingTime(new Date(nowMs()));
      const order = orders.get(refund.out_trade_no);
      order.trade_state = 'REFUND';
    }
    if (o.deliver === false) return null;
    return deliverRefundNotification(outRefundNo, o);
  }

  // ---------------------------------------------------------------- faults
  function inject(fault) {
    if (!fault || typeof fault.pathPrefix !== 'string') throw new Error('inject needs a pathPrefix');
    if (fault.status === undefined && fault.timeoutMs === undefined && fault.tamperResponse === undefined) {
      throw new Error('inject needs status, timeoutMs or tamperResponse');
    }
    faults.push({ method: fault.method ? fault.method.toUpperCase() : null, remaining: fault.times ?? 1, ...fault });
  }
  function takeFault(method, path) {
    const i = faults.findIndex((f) => (!f.method || f.method === method) && path.startsWith(f.pathPrefix));
    if (i < 0) return null;
    const f = faults[i];
    f.remaining -= 1;
    if (f.remaining <= 0) faults.splice(i, 1);
    return f;
  }

  // ---------------------------------------------------------------- routing
  async function routeWechat(req, url, rawBody) {
    const path = url.pathname;
    if (req.method === 'GET' && path === '/sns/jscode2session') return { ...handleCode2Session(url), unsigned: true };
    if (req.method === 'POST' && path === '/cgi-bin/stable_token') return { ...handleStableToken(parseJsonBody(rawBody)), unsigned: true };
    if (req.method === 'POST' && path === '/cgi-bin/message/subscribe/send') return { ...(await handleSubscribeSend(url, parseJsonBody(rawBody))), unsigned: true };
    if (!path.startsWith('/v3/')) throw httpError(404, 'NOT_FOUND', `no such API: ${req.method} ${path}`);

    const auth = verifyMerchantRequest(req, rawBody);
    let m;
    if (req.method === 'POST' && path === '/v3/pay/transactions/jsapi') return createJsapiOrder(auth, parseJsonBody(rawBody));
    if (req.method === 'GET' && (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/.exec(path))) {
      return queryOrder(auth, decodeURIComponent(m[1]), url);
    }
    if (req.method === 'POST' && (m = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/.exec(path))) {
      return closeOrder(auth, decodeURIComponent(m[1]), parseJsonBody(rawBody));
    }
    if (req.method === 'POST' && path === '/v3/refund/domestic/refunds') return createRefund(auth, parseJsonBody(rawBody));
    if (req.method === 'GET' && (m = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(path))) {
      return queryRefund(decodeURIComponent(m[1]));
    }
    if (req.method === 'GET' && path === '/v3/certificates') return certificates();
    throw httpError(404, 'NOT_FOUND', `no such API: ${req.method} ${path}`);
  }

  async function routeHooks(req, url, rawBody) {
    const path = url.pathname;
    const body = rawBody.length ? JSON.parse(rawBody.toString('utf8')) : {};
    let m;
    if (req.method === 'POST' && path === '/__emulator/login-codes') return { status: 200, body: { code: issueCode(body) } };
    if (req.method === 'POST' && path === '/__emulator/login-failures') {
      failNextLogin(body.errcode, body);
      return { status: 204, body: null };
    }
    if (req.method === 'POST' && (m = /^\/__emulator\/pay\/([^/]+)$/.exec(path))) {
      const result = await pay(decodeURIComponent(m[1]), body);
      return { status: 200, body: { delivery: result } };
    }
    if (req.method === 'POST' && (m = /^\/__emulator\/notify\/([^/]+)$/.exec(path))) {
      return { status: 200, body: { delivery: await deliverTransactionNotification(decodeURIComponent(m[1]), body) } };
    }
    if (req.method === 'POST' && (m = /^\/__emulator\/refunds\/([^/]+)\/settle$/.exec(path))) {
      const result = await settleRefund(decodeURIComponent(m[1]), body.status || 'SUCCESS', body);
      return { status: 200, body: { delivery: result } };
    }
    if (req.method === 'POST' && (m = /^\/__emulator\/refunds\/([^/]+)\/notify$/.exec(path))) {
      return { status: 200, body: { delivery: await deliverRefundNotification(decodeURIComponent(m[1]), body) } };
    }
    if (req.method === 'POST' && path === '/__emulator/faults') {
      inject(body);
      return { status: 204, body: null };
    }
    if (req.method === 'DELETE' && path === '/__emulator/faults') {
      clearFaults();
      return { status: 204, body: null };
    }
    if (req.method === 'POST' && path === '/__emulator/subscribe-failures') {
      failNextSubscribe(body);
      return { status: 204, body: null };
    }
    if (req.method === 'POST' && path === '/__emulator/access-tokens/expire') {
      expireAccessTokens();
      return { status: 204, body: null };
    }
    if (req.method === 'GET' && path === '/__emulator/subscribe-messages') return { status: 200, body: subscribeMessages };
    if (req.method === 'GET' && path === '/__emulator/token-fetches') return { status: 200, body: tokenFetches };
    if (req.method === 'GET' && path === '/__emulator/orders') return { status: 200, body: [...orders.values()].map(transactionView) };
    if (req.method === 'GET' && (m = /^\/__emulator\/orders\/([^/]+)$/.exec(path))) {
      const order = orders.get(decodeURIComponent(m[1]));
      return order ? { status: 200, body: { ...transactionView(order), notify_url: order.notify_url, description: order.description } } : { status: 404, body: { code: 'NOT_FOUND', message: 'no such order' } };
    }
    if (req.method === 'GET' && path === '/__emulator/refunds') return { status: 200, body: [...refunds.values()].map(refundView) };
    if (req.method === 'GET' && path === '/__emulator/notifications') return { status: 200, body: notifications };
    if (req.method === 'GET' && path === '/__emulator/requests') return { status: 200, body: requests };
    if (req.method === 'POST' && path === '/__emulator/reset') {
      reset();
      return { status: 204, body: null };
    }
    return { status: 404, body: { code: 'NOT_FOUND', message: `no such hook: ${req.method} ${path}` } };
  }

  function send(res, result, { sign, tamper }) {
    const bodyBuffer = result.body === null || result.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(result.body), 'utf8');
    const headers = sign ? signedHeaders(bodyBuffer, tamper) : {};
    if (bodyBuffer.length) headers['Content-Type'] = 'application/json; charset=utf-8';
    headers['Content-Length'] = bodyBuffer.length;
    res.writeHead(result.status, headers);
    res.end(bodyBuffer);
  }

  async function handle(req, res) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const rawBody = Buffer.concat(chunks);
    const url = new URL(req.url, 'http://emulator.invalid');
    const entry = { at: new Date(nowMs()).toISOString(), method: req.method, path: url.pathname, url: req.url, headers: req.headers, body: rawBody.toString('utf8'), status: null };
    const isHook = url.pathname.startsWith('/__emulator/');
    if (!isHook) requests.push(entry);
    let result;
    let fault = null;
    const isPay = url.pathname.startsWith('/v3/');
    try {
      if (isHook) {
        result = await routeHooks(req, url, rawBody);
      } else {
        fault = takeFault(req.method, url.pathname);
        if (fault && fault.timeoutMs !== undefined) {
          // Slow, not lost: the request is processed after the delay, as a real overloaded gateway may do.
          await new Promise((resolve) => {
            const t = setTimeout(() => {
              timers.delete(t);
              resolve();
            }, fault.timeoutMs);
            timers.add(t);
          });
          if (res.destroyed || req.socket.destroyed) {
            entry.status = 'client-gone';
            // `processWhenGone`: the gateway still carries the call out after the merchant gave up waiting,
            // which is the case a merchant must survive (its retry with the same number must not pay twice).
            if (fault.processWhenGone && fault.status === undefined) {
              try {
                await routeWechat(req, url, rawBody);
              } catch {
                // nobody is listening for the answer
              }
            }
            return;
          }
        }
        if (fault && fault.status !== undefined) {
          result = { status: fault.status, body: fault.body || { code: 'SYSTEM_ERROR', message: '系统错误 (injected fault)' } };
        } else {
          result = await routeWechat(req, url, rawBody);
        }
      }
    } catch (err) {
      if (err instanceof EmulatorHttpError) {
        result = { status: err.status, body: { code: err.code, message: err.message } };
      } else if (isHook) {
        result = { status: 400, body: { code: 'HOOK_ERROR', message: err.message } };
      } else {
        result = { status: 500, body: { code: 'SYSTEM_ERROR', message: err.message } };
      }
    }
    entry.status = result.status;
    if (cfg.log && !isHook) cfg.log(`${req.method} ${url.pathname} -> ${result.status}${result.body && result.body.code ? ' ' + result.body.code : ''}`);
    send(res, result, { sign: isPay && !result.unsigned, tamper: fault && fault.tamperResponse });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ code: 'SYSTEM_ERROR', message: err.message }));
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(cfg.port, cfg.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address();
  const baseUrl = `http://${cfg.host}:${port}`;

  function clearFaults() {
    faults.length = 0;
  }

  function reset() {
    loginCodes.clear();
    loginFailures.length = 0;
    orders.clear();
    refunds.clear();
    requests.length = 0;
    notifications.length = 0;
    accessTokens.clear();
    currentToken = null;
    tokenFetches.length = 0;
    subscribeMessages.length = 0;
    subscribeFailures.length = 0;
    clearFaults();
    for (const t of timers) clearTimeout(t);
    timers.clear();
  }

  async function close() {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    await new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  return {
    url: baseUrl,
    baseUrl,
    port,
    config: { appid: cfg.appid, secret: cfg.secret, mchid: cfg.mchid, apiV3Key: cfg.apiV3Key, merchantSerialNo: cfg.merchantSerialNo, platformSerialNo: cfg.platformSerialNo },
    env: (notify = {}) => fixtures.cmsEnvFor(baseUrl, notify),
    // login
    issueCode,
    failNextLogin,
    // pay
    pay,
    deliverTransactionNotification,
    settleRefund,
    deliverRefundNotification,
    // access token and subscribe messages
    tokenFetches,
    subscribeMessages,
    subscribeCount,
    failNextSubscribe,
    expireAccessTokens,
    setAccessTokenLifetime,
    // faults
    inject,
    clearFaults,
    // state
    orders,
    refunds,
    requests,
    notifications,
    reset,
    close,
  };
}

module.exports = { startWechatEmulator, openidForCode, beijingTime, fixtures, SIGNTEST_PREFIX };
