// Parts render into <consult-chat>'s shadow root (no shadow of their own): each adds the rules
// the chat's own stylesheet does not carry, once, when it is first connected. The rules live in
// the parts so the main bundle does not pay for them.
import {css, type CSSResult} from 'lit';

export function adopt(el: Element, sheet: CSSResult): void {
  const root = el.getRootNode() as ShadowRoot;
  const s = sheet.styleSheet;
  if (s && root.adoptedStyleSheets && !root.adoptedStyleSheets.includes(s)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, s];
}

/** The form of a part that fills the panel (intake, booking). */
export const formStyles = css`
  .prechat {
    flex: 1;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    align-items: stretch;
    gap: 10px;
    padding: 16px;
  }
  .prechat label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 14px;
  }
  .prechat input, .prechat select {
    padding: 8px 10px;
    border: 1px solid #8c959f;
    border-radius: 8px;
    background: var(--_bg);
    font-size: 16px;
  }
  .prechat button {
    padding: 10px;
    border: none;
    border-radius: 8px;
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }`;
