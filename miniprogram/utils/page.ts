/**
 * The loading → ready / empty / error cycle every page goes through, and pull-to-refresh's end.
 * Pages keep `state`, `error` and `errorCode` in their data and render <page-state>.
 */
import { toApiError } from '../services/errors';

type PageLike = { setData(data: Record<string, unknown>): void };

export async function loadPage(page: PageLike, work: () => Promise<Record<string, unknown>>, isEmpty: (data: Record<string, unknown>) => boolean = () => false): Promise<boolean> {
  try {
    const data = await work();
    page.setData({ ...data, state: isEmpty(data) ? 'empty' : 'ready', error: '', errorCode: '' });
    return true;
  } catch (e) {
    const err = toApiError(e);
    page.setData({ state: 'error', error: err.message, errorCode: err.code });
    return false;
  } finally {
    wx.stopPullDownRefresh();
  }
}

/** Shows an action's failure as a toast (short) or a modal (long sentences don't fit a toast). */
export function showError(e: unknown): void {
  const err = toApiError(e);
  if (err.message.length <= 14) wx.showToast({ title: err.message, icon: 'none' });
  else wx.showModal({ title: '没有成功', content: err.message, showCancel: false, confirmText: '知道了' });
}

export function confirm(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  return new Promise((resolve) => {
    wx.showModal({ title, content, confirmText, success: (r) => resolve(!!r.confirm), fail: () => resolve(false) });
  });
}

/** Marks the custom tab bar's current tab (each tab page calls it in onShow). */
export function selectTab(page: any, index: number): void {
  if (typeof page.getTabBar === 'function') {
    const bar = page.getTabBar();
    if (bar) bar.setData({ selected: index });
  }
}
