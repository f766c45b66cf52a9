import { wechatCallErrors } from '../metrics';

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
  /** developer | trial | formal: which mini program version the message opens. */
  miniprogram_state: 'developer' | 'trial' | 'formal';
  lang: 'zh_CN';
}

/** WeChat answered (errcode 0 or a refusal), or did not answer usably (network, timeout, 5xx). */
export type SendAnswer = { answered: true; errcode: number; errmsg: string } | { answered: false; reason: string };

const DEFAULT_TIMEOUT_MS = 5000;

/** One subscribeMessage.send call; never throws: the outbox decides what an answer means. */
export async function sendSubscribeMessage(
  baseUrl: string,
  accessToken: string,
  message: SubscribeMessage,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<SendAnswer> {
  const url = `${baseUrl.replace(/\/+$/, '')}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(accessToken)}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let answer: SendAnswer;
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(message), signal: controller.signal });
    const body: any = await res.json().catch(() => null);
    // WeChat reports outcomes with HTTP 200 and an errcode; anything else is "did not answer".
    answer = body && typeof body.errcode === 'number'
      ? { answered: true, errcode: body.errcode, errmsg: String(body.errmsg ?? '') }
      : { answered: false, reason: `http_${res.status}` };
  } catch {
    answer = { answered: false, reason: controller.signal.aborted ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timer);
  }
  if (answer.answered === false) wechatCallErrors.inc({ call: 'subscribe_send', code: answer.reason });
  else if (answer.errcode !== 0) wechatCallErrors.inc({ call: 'subscribe_send', code: String(answer.errcode) });
  return answer;
}
