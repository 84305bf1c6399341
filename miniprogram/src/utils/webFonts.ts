/**
 * H5 only. Chromium kept tofu boxes in some Tibetan text that was laid out before the lazily loaded web font
 * arrived (seen under Taro's web components with no Tibetan system font); any style change re-lays it out.
 * So after each web-font load, flip a class that changes text shaping (see app.scss).
 */
export function relayoutWhenFontsLoad() {
  if (typeof document === 'undefined' || !('fonts' in document)) return;
  document.fonts.addEventListener('loadingdone', () => {
    document.documentElement.classList.toggle('gz-fonts-tick');
  });
}
