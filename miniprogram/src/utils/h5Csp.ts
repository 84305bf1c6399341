/**
 * H5 only: Taro's tab bar items are `<a href="javascript:;">`. Under the server's CSP (script-src 'self') following
 * such a link is a blocked "javascript: navigation" and logs an error on every tap. Cancelling the link's default
 * action keeps the tab switch (Taro's own click handler) and drops the blocked navigation.
 */
export function suppressJavascriptLinks() {
  if (typeof document === 'undefined') return;
  document.addEventListener(
    'click',
    (e) => {
      const target = e.target as Element | null;
      if (target?.closest?.('a[href^="javascript:"]')) e.preventDefault();
    },
    true,
  );
}
