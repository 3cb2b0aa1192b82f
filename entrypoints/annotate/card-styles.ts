// Puts the card's CSS into its shadow root. A constructed stylesheet first: pages with a strict CSP
// (`default-src 'none'`) may block <style> elements, but not adopted sheets. Where the browser will
// not adopt a sheet made in the content script's world, a <style> element is the fallback.
export function applyCardStyles(shadow: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    // Not adoptable here (Firefox's content-script compartment): a style element still works.
    const style = document.createElement('style');
    style.textContent = css;
    shadow.prepend(style);
  }
}
