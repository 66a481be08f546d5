// What every Consult Chat element starts from: where its script came from, the base rules of
// its shadow root, and the icons more than one element draws.
import {css, html} from 'lit';

/** Where this bundle was served from: the default backend. Only known while the script first runs. */
export const SCRIPT_ORIGIN = (() => {
  try {
    return new URL((document.currentScript as HTMLScriptElement).src).origin;
  } catch {
    return location.origin;
  }
})();

/** First in each element's styles, so its own rules can override these. */
export const baseStyles = css`
  *, *::before, *::after {
    box-sizing: border-box;
  }
  button, textarea, input, select {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--consult-focus, #0b5cad);
    outline-offset: 2px;
  }
`;

export const sendIcon = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M2 21 23 12 2 3v7l15 2-15 2z"/></svg>`;
