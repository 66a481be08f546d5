import {css} from 'lit';

// Everything is positioned from an inner root, not :host, because page rules such as
// `* { all: unset }` beat :host rules on the host element itself.
export const styles = css`
  /* Theme defaults live in var() fallbacks so page rules on :root or on the element both apply. */
  .root {
    all: initial;
    --_accent: var(--consult-accent, var(--_firm-accent, #1f4e79));
    --_on-accent: var(--consult-on-accent, var(--_firm-on-accent, #fff));
    --_bg: var(--consult-background, #fff);
    --_fg: var(--consult-text, #1b1f24);
    --_muted: var(--consult-muted, #57606a);
    --_theirs: var(--consult-bubble, #eef1f4);
    --_radius: var(--consult-radius, 14px);
    position: fixed;
    bottom: var(--consult-offset, 20px);
    right: var(--consult-offset, 20px);
    z-index: var(--consult-z-index, 2147483000);
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 12px;
    font: 15px/1.4 var(--consult-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--_fg);
    text-align: start;
    visibility: visible;
  }
  .root.left {
    right: auto;
    left: var(--consult-offset, 20px);
    align-items: flex-start;
  }
  .launcher {
    position: relative;
    display: grid;
    place-items: center;
    width: 56px;
    height: 56px;
    border-radius: 50%;
    border: none;
    padding: 0;
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
    transition: transform 0.15s ease;
  }
  .launcher:hover {
    transform: scale(1.05);
  }
  svg {
    width: 26px;
    height: 26px;
    fill: currentColor;
  }
  .badge {
    position: absolute;
    top: -4px;
    right: -4px;
    min-width: 22px;
    height: 22px;
    padding: 0 6px;
    border-radius: 11px;
    background: #b3261e;
    color: #fff;
    font-size: 12px;
    font-weight: 700;
    line-height: 22px;
  }
  .panel {
    display: flex;
    flex-direction: column;
    width: min(380px, calc(100vw - 40px));
    height: min(600px, calc(100vh - 110px));
    background: var(--_bg);
    border-radius: var(--_radius);
    box-shadow: 0 10px 40px rgb(0 0 0 / 0.25);
    overflow: hidden;
    animation: rise 0.18s ease-out;
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }
  .header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 14px 16px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .header .who {
    flex: 1;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 17px;
    font-weight: 600;
  }
  .presence {
    margin: 2px 0 0;
    font-size: 13px;
  }
  .presence.on::before {
    content: '';
    display: inline-block;
    width: 8px;
    height: 8px;
    margin-inline-end: 6px;
    border-radius: 50%;
    background: #3ddc84;
  }
  .close {
    display: grid;
    place-items: center;
    width: 36px;
    height: 36px;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .close svg {
    width: 20px;
    height: 20px;
  }
  .banner {
    padding: 6px 16px;
    background: #fff4ce;
    color: #4d3800;
    font-size: 13px;
  }
  .banner.refused {
    background: #fde7e9;
    color: #8a1c1c;
  }
  .log {
    flex: 1;
    overflow-y: auto;
    padding: 12px 16px;
    display: flex;
    flex-direction: column;
    gap: 6px;
    overscroll-behavior: contain;
  }
  .greeting {
    align-self: flex-start;
    max-width: 85%;
    margin: 0 0 6px;
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--_theirs);
    white-space: pre-wrap;
  }
  .day {
    text-align: center;
    margin: 10px 0 4px;
    color: var(--_muted);
    font-size: 12px;
  }
  .row {
    max-width: 85%;
  }
  .bubble {
    padding: 8px 12px;
    border-radius: var(--_radius);
    background: var(--_theirs);
  }
  .mine .bubble {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .status.failed {
    color: #b3261e;
  }
  .system {
    align-self: center;
    margin: 4px 0;
    color: var(--_muted);
    font-size: 13px;
    text-align: center;
  }
  .actions button, .older {
    border: 1px solid currentColor;
    border-radius: 6px;
    background: transparent;
    padding: 2px 8px;
    margin: 2px;
    font-size: 13px;
    cursor: pointer;
    color: var(--_fg);
  }
  .older {
    align-self: center;
  }
  .typing {
    min-height: 20px;
    padding: 0 16px;
    font-size: 13px;
    color: var(--_muted);
  }
  form {
    display: flex;
    gap: 8px;
    align-items: flex-end;
    padding: 10px 12px 12px;
    border-top: 1px solid #d0d7de;
  }
  textarea {
    max-height: calc(6lh + 18px);
    min-height: 40px;
    padding: 8px 10px;
    background: var(--_bg);
    font-size: 16px;
  }
  .send {
    width: 40px;
    height: 40px;
    cursor: pointer;
  }
  .send svg {
    width: 20px;
    height: 20px;
  }
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
  }
  @media (max-width: 480px) {
    .root.open {
      inset: 0;
    }
    .root.open .panel {
      width: 100%;
      height: 100%;
      border-radius: 0;
    }
    .root.open .launcher {
      display: none;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .panel, .launcher {
      animation: none;
      transition: none;
    }
  }
  .rate {
    flex-wrap: wrap;
    align-items: center;
    margin: 0;
    padding: 10px 12px;
    font-size: 14px;
  }
  .rate span {
    flex-basis: 100%;
  }
  .star {
    border: 0;
    background: none;
    font-size: 24px;
    color: #8c959f;
  }
  .star[aria-pressed='true'] {
    color: #b7791f;
  }
  .rate input {
    flex: 1;
    padding: 6px;
  }
`;
