import type { Page } from 'playwright-core';

// Checks a Tibetan reader with large text would notice, run on every screen of the tibetan.* journeys.

/**
 * Visible text containing Han characters while bo is selected. Chinese that is known and marked is allowed: staff text
 * without a Tibetan sibling (`data-zh-fallback`, shown with a "Chinese only" mark), proper names (`data-proper-name`),
 * and, on the committee's bilingual editor and its confirmation, the Chinese version shown beside its Tibetan
 * (`data-zh-original`).
 */
export function hanTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const han = /[\u3400-\u9fff]/;
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      // A Chinese term glossed in full-width brackets after its Tibetan, e.g. 《…》（民法典）, is part of the Tibetan text.
      const text = (n.textContent ?? '').replace(/（[^）]*）/g, '');
      const el = n.parentElement;
      if (!el || !han.test(text) || el.closest('[data-zh-fallback], [data-proper-name], [data-zh-original], script, style, title')) continue;
      const r = el.getBoundingClientRect();
      const st = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || st.visibility === 'hidden' || el.closest('[style*="display: none"]')) continue;
      out.push(text.trim().slice(0, 40));
    }
    return [...new Set(out)];
  });
}

/** Large mode: visible text under 18 px, and tap targets (buttons, chips, choices, pickers, inputs) under 44 px. */
export function smallThings(page: Page): Promise<{ text: string[]; targets: string[] }> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[style*="display: none"]');
    };
    const text: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const s = (n.textContent ?? '').trim();
      if (!el || !s || el.closest('script, style, title, .weui-picker__overlay') || !visible(el)) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < 18) text.push(`${s.slice(0, 20)} ${px}px`);
    }
    // What is typed into a field, and its placeholder, are no text nodes: measured on the field itself.
    document.querySelectorAll('input:not([type=hidden]):not([type=file]), textarea').forEach((el) => {
      if (!visible(el)) return;
      const typed = parseFloat(getComputedStyle(el).fontSize);
      const hint = parseFloat(getComputedStyle(el, '::placeholder').fontSize);
      const label = ((el as HTMLInputElement).value || (el as HTMLInputElement).placeholder || el.tagName).slice(0, 20);
      if (Math.min(typed, hint) < 18) text.push(`${label} [field] ${Math.min(typed, hint)}px`);
    });
    const targets: string[] = [];
    const sel =
      '.btn, .chip, .choice, .app-header__btn, .picker-field, .text-input, .text-area, taro-input-core, taro-textarea-core, .st-chips__item, .task-card__go, .first-run__flag, .first-run__size';
    document.querySelectorAll(sel).forEach((el) => {
      if (!visible(el)) return;
      const r = el.getBoundingClientRect();
      if (r.height < 44 || r.width < 44)
        targets.push(`${((el as HTMLElement).innerText || el.tagName).slice(0, 20)} ${Math.round(r.width)}×${Math.round(r.height)}`);
    });
    return { text: [...new Set(text)], targets: [...new Set(targets)] };
  });
}
