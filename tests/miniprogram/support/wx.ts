/// <reference types="miniprogram-api-typings" />
/**
 * A simulated `wx` for the mini program's services and pages: storage in memory, wx.request answered
 * by a handler (a fake server in unit tests, real HTTP in the end-to-end journey), and the UI calls
 * recorded so tests can assert what the member was shown and where they were sent.
 */
export interface FakeRequest {
  method: string;
  url: string;
  path: string;
  query: Record<string, string>;
  body: any;
  headers: Record<string, string>;
}
export interface FakeResponse {
  status: number;
  body?: any;
  headers?: Record<string, string>;
}
export type Handler = (req: FakeRequest) => FakeResponse | Promise<FakeResponse>;

export interface FakeWx {
  wx: any;
  storage: Map<string, any>;
  requests: FakeRequest[];
  navigations: Array<{ kind: string; url: string }>;
  toasts: string[];
  modals: Array<{ title?: string; content?: string }>;
  /** What the next wx.showModal answers (confirm by default). */
  modalAnswer: { confirm: boolean };
  loginCodes: number;
  payments: any[];
  /** wx calls whose callback has not run yet (requests, login, payment, dialogs, pickers). */
  pending: number;
  sheets: string[][];
  /** Which action-sheet item the member picks (-1 = dismiss). */
  sheetAnswer: number;
  /** What wx.chooseMedia returns ({ tempFilePath, size }), or null when the member cancels. */
  media: { tempFilePath: string; size: number; fileType?: string } | null;
  /** What wx.scanCode reads, or '' when the member cancels. */
  scanResult: string;
  /** The template ids of each wx.requestSubscribeMessage, in order. */
  subscribeAsks: string[][];
  /** The member's answer per template id ('accept' | 'reject'); null: the call fails (as in DevTools without a tap). */
  subscribeAnswer: Record<string, string> | null;
  setHandler(h: Handler): void;
}

export function createWx(opts: { handler?: Handler; login?: () => string | Promise<string>; pay?: (params: any) => void | Promise<void> } = {}): FakeWx {
  let handler: Handler = opts.handler ?? (() => ({ status: 404, body: { data: null, error: { status: 404, message: 'no handler', details: { code: 'NOT_FOUND' } } } }));
  const storage = new Map<string, any>();
  const fake: FakeWx = {
    wx: null,
    storage,
    requests: [],
    navigations: [],
    toasts: [],
    modals: [],
    modalAnswer: { confirm: true },
    loginCodes: 0,
    payments: [],
    pending: 0,
    sheets: [],
    sheetAnswer: 0,
    media: null,
    scanResult: '',
    subscribeAsks: [],
    subscribeAnswer: null,
    setHandler(h) {
      handler = h;
    },
  };
  const parse = (url: string) => {
    const u = new URL(url);
    return { path: u.pathname, query: Object.fromEntries(u.searchParams.entries()) };
  };
  const later = (fn: () => void) => Promise.resolve().then(fn);
  /** Counts a wx call until its callback ran, so tests can wait for the page to go quiet. */
  const track = <T>(work: Promise<T>): Promise<T> => {
    fake.pending += 1;
    return work.finally(() => {
      fake.pending -= 1;
    });
  };
  const nav = (kind: string) => (o: any) => {
    fake.navigations.push({ kind, url: o.url });
    track(later(() => o.success && o.success({})));
  };
  fake.wx = {
    request(o: any) {
      const { path, query } = parse(o.url);
      const req: FakeRequest = { method: o.method || 'GET', url: o.url, path, query, body: o.data, headers: { ...(o.header || {}) } };
      fake.requests.push(req);
      track(
        Promise.resolve()
          .then(() => handler(req))
          .then(
            (res) => o.success && o.success({ statusCode: res.status, data: res.body ?? '', header: res.headers ?? {} }),
            (err) => o.fail && o.fail({ errMsg: `request:fail ${err && err.message ? err.message : err}` }),
          ),
      );
      return { abort() {} };
    },
    uploadFile(o: any) {
      const { path, query } = parse(o.url);
      const req: FakeRequest = { method: 'POST', url: o.url, path, query, body: { file: o.filePath, field: o.name, ...(o.formData || {}) }, headers: { ...(o.header || {}) } };
      fake.requests.push(req);
      track(
        Promise.resolve()
          .then(() => handler(req))
          .then(
            (res) => o.success && o.success({ statusCode: res.status, data: JSON.stringify(res.body ?? '') }),
            (err) => o.fail && o.fail({ errMsg: `uploadFile:fail ${err}` }),
          ),
      );
    },
    login(o: any) {
      fake.loginCodes += 1;
      track(Promise.resolve(opts.login ? opts.login() : `code-${fake.loginCodes}`)).then(
        (code) => o.success && o.success({ code, errMsg: 'login:ok' }),
        (err) => o.fail && o.fail({ errMsg: `login:fail ${err}` }),
      );
    },
    requestPayment(o: any) {
      fake.payments.push(o);
      track(Promise.resolve().then(() => (opts.pay ? opts.pay(o) : undefined))).then(
        () => o.success && o.success({ errMsg: 'requestPayment:ok' }),
        (err) => o.fail && o.fail({ errMsg: String(err && err.message ? err.message : err) }),
      );
    },
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k: string, v: any) => void storage.set(k, JSON.parse(JSON.stringify(v))),
    removeStorageSync: (k: string) => void storage.delete(k),
    showToast: (o: any) => void fake.toasts.push(o.title),
    showLoading: () => undefined,
    hideLoading: () => undefined,
    showModal(o: any) {
      fake.modals.push({ title: o.title, content: o.content });
      track(later(() => o.success && o.success({ confirm: fake.modalAnswer.confirm, cancel: !fake.modalAnswer.confirm })));
    },
    stopPullDownRefresh: () => undefined,
    setNavigationBarTitle: () => undefined,
    showActionSheet(o: any) {
      fake.sheets.push(o.itemList);
      track(later(() => (fake.sheetAnswer < 0 ? o.fail && o.fail({ errMsg: 'showActionSheet:fail cancel' }) : o.success && o.success({ tapIndex: fake.sheetAnswer }))));
    },
    navigateTo: nav('navigateTo'),
    redirectTo: nav('redirectTo'),
    switchTab: nav('switchTab'),
    reLaunch: nav('reLaunch'),
    navigateBack: (o: any = {}) => fake.navigations.push({ kind: 'navigateBack', url: String(o.delta || 1) }),
    makePhoneCall: (o: any) => fake.navigations.push({ kind: 'makePhoneCall', url: o.phoneNumber }),
    scanCode: (o: any) => track(later(() => (fake.scanResult ? o.success && o.success({ result: fake.scanResult, scanType: 'QR_CODE' }) : o.fail && o.fail({ errMsg: 'scanCode:fail cancel' })))),
    chooseMedia: (o: any) =>
      track(later(() => (fake.media ? o.success && o.success({ tempFiles: [fake.media], type: 'image' }) : o.fail && o.fail({ errMsg: 'chooseMedia:fail cancel' })))),
    requestSubscribeMessage(o: any) {
      fake.subscribeAsks.push([...o.tmplIds]);
      const answer = fake.subscribeAnswer;
      track(later(() => (answer ? o.success && o.success({ errMsg: 'requestSubscribeMessage:ok', ...answer }) : o.fail && o.fail({ errMsg: 'requestSubscribeMessage:fail' }))));
    },
    getSystemInfoSync: () => ({ windowWidth: 375, windowHeight: 812, safeArea: { bottom: 778 }, screenHeight: 812 }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 812, safeArea: { bottom: 778 }, screenHeight: 812 }),
    vibrateShort: () => undefined,
  };
  return fake;
}

let installed: FakeWx | null = null;

/**
 * Waits until the page has gone quiet: no wx call in flight for a few turns of the event loop. Counted
 * in turns, not milliseconds, so a busy machine makes it slower, never wrong.
 */
export async function settle(quietTurns = 4, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < quietTurns && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 2));
    quiet = installed && installed.pending > 0 ? 0 : quiet + 1;
  }
}

/** Installs a fake as the global `wx` and resets the client's module state (session, settings). */
export function installWx(fake: FakeWx): FakeWx {
  installed = fake;
  (global as any).wx = fake.wx;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  require('../../../miniprogram/services/session').forgetCachedSession();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  require('../../../miniprogram/services/store').resetStore();
  return fake;
}

export const ok = (data: unknown, meta: Record<string, unknown> = {}, status = 200): FakeResponse => ({ status, body: { data, meta } });
export const fail = (status: number, code: string, details: Record<string, unknown> = {}, message = code): FakeResponse => ({
  status,
  body: { data: null, error: { status, name: 'Error', message, details: { code, ...details } } },
});
