/**
 * H5 only: the rem base that pxtransform's output relies on — the same rule as Taro's inline index.html script
 * (20px per 375px of the narrower side, kept within 20–40px). Run from the bundle instead, because the server's
 * Content-Security-Policy (script-src 'self') blocks inline scripts; without it every size shrank to 16px rem.
 */
export function installRootFontSize(designWidth = 375, baseFontSize = 20) {
  if (typeof document === 'undefined') return;
  const apply = () => {
    const el = document.documentElement;
    const { width, height } = el.getBoundingClientRect();
    const side = Math.min(...[width, height].filter(Boolean));
    const size = Math.min(40, Math.max(20, (baseFontSize * side) / designWidth));
    el.style.fontSize = `${size}px`;
  };
  apply();
  window.addEventListener('resize', () => {
    apply();
    setTimeout(apply, 500);
  });
}
