import { describe, expect, it } from 'vitest';
import { lockNavigation, type WebContentsLike } from './navigation';

describe('navigation lock', () => {
  it('blocks navigation and window.open, sending only https IT Glue links to the browser', () => {
    const listeners = new Map<string, (e: { preventDefault(): void }) => void>();
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
    const contents: WebContentsLike = {
      on: (event, listener) => listeners.set(event, listener),
      setWindowOpenHandler: (h) => void (openHandler = h),
    };
    const opened: string[] = [];
    lockNavigation(contents, async (url) => void opened.push(url));

    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      listeners.get(event)?.({ preventDefault: () => void (prevented = true) });
      expect(prevented, event).toBe(true);
    }
    expect(openHandler).not.toBeNull();
    for (const url of ['https://acme.itglue.com/1/configurations/2', 'https://evil.example/', 'file:///etc/passwd', 'http://acme.itglue.com/']) {
      expect(openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://acme.itglue.com/1/configurations/2']);
  });
});
