import {css} from 'lit';

// Narrow layout by container width, not viewport, so the console fits whatever box hosts it.
export const NARROW_PX = 760;

export const styles = css`
  :host {
    --_accent: var(--consult-accent, #1f4e79);
    --_on-accent: var(--consult-on-accent, #fff);
    --_bg: var(--consult-background, #eef1f5);
    --_surface: var(--consult-surface, #fff);
    --_fg: var(--consult-text, #1b1f24);
    --_muted: var(--consult-muted, #5b6470);
    --_border: var(--consult-border, #d9dee5);
    --_theirs: var(--consult-bubble, #eef1f4);
    --_radius: var(--consult-radius, 14px);
    --_online: #1a7f37;
    display: block;
    height: 100%;
    min-height: 0;
    container-type: inline-size;
    font: 15px/1.45 var(--consult-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    color: var(--_fg);
    background: var(--_bg);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  svg {
    width: 20px;
    height: 20px;
    fill: currentColor;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .primary {
    border: none;
    border-radius: 8px;
    padding: 10px 16px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .ghost {
    border: 1px solid var(--_border);
    border-radius: 8px;
    padding: 6px 12px;
    background: var(--_surface);
  }
  .small {
    padding: 6px 12px;
    font-size: 14px;
  }
  .icon {
    display: grid;
    place-items: center;
    width: 36px;
    height: 36px;
    padding: 0;
    border: none;
    border-radius: 8px;
    background: transparent;
    color: var(--_muted);
  }
  .icon:hover {
    background: var(--_bg);
  }
  .link {
    border: none;
    background: none;
    padding: 0;
    color: var(--_accent);
    text-decoration: underline;
  }
  .dot {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    background: #a7b0ba;
  }
  .dot.on {
    background: var(--_online);
  }

  /* --- sign in --- */
  .login-page {
    display: grid;
    place-items: center;
    min-height: 100%;
    padding: 24px 16px;
  }
  .login {
    width: min(400px, 100%);
    display: flex;
    flex-direction: column;
    gap: 14px;
    padding: 32px 28px;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: 14px;
    box-shadow: 0 10px 30px rgb(16 24 40 / 0.08);
  }
  .login .product {
    margin: 0;
    color: var(--_accent);
    font-weight: 700;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    font-size: 12px;
  }
  .login h1 {
    margin: 0;
    font-size: 24px;
  }
  .login .intro {
    margin: 0 0 6px;
    color: var(--_muted);
  }
  .login label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-weight: 600;
    font-size: 14px;
  }
  .login input {
    font-weight: 400;
    padding: 10px 12px;
    border: 1px solid #8c959f;
    border-radius: 8px;
    background: var(--_surface);
  }
  .error {
    color: #a4161a;
    margin: 0;
  }

  /* --- layout --- */
  .app {
    display: grid;
    grid-template-columns: minmax(300px, 360px) minmax(0, 1fr);
    height: 100%;
    min-height: 0;
  }
  .sidebar {
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    background: var(--_surface);
    border-right: 1px solid var(--_border);
  }
  .me {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 14px 16px;
    border-bottom: 1px solid var(--_border);
  }
  .me-text {
    flex: 1;
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .me-text strong {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .conn {
    font-size: 13px;
    color: var(--_muted);
  }
  .conn.online {
    color: var(--_online);
  }
  .conn.offline, .conn.reconnecting {
    color: #8a5a00;
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 12px 16px;
    border-bottom: 1px solid var(--_border);
  }
  .segmented {
    display: inline-flex;
    border: 1px solid var(--_border);
    border-radius: 8px;
    overflow: hidden;
  }
  .segmented button {
    border: none;
    background: var(--_surface);
    padding: 6px 10px;
    font-size: 14px;
  }
  .segmented button + button {
    border-left: 1px solid var(--_border);
  }
  .segmented button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .status-filter {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    font-size: 14px;
    color: var(--_muted);
  }
  select {
    padding: 6px 8px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    max-width: 100%;
  }
  .list {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    list-style: none;
    margin: 0;
    padding: 6px;
  }
  .item {
    display: flex;
    gap: 12px;
    padding: 10px;
    border-radius: 10px;
    cursor: pointer;
  }
  .item:hover {
    background: #f3f5f8;
  }
  .item[aria-selected='true'] {
    background: color-mix(in srgb, var(--_accent) 11%, var(--_surface));
  }
  .item:focus-visible {
    outline-offset: -3px;
  }
  .avatar {
    position: relative;
    flex: none;
    display: grid;
    place-items: center;
    width: 42px;
    height: 42px;
    border-radius: 50%;
    background: color-mix(in srgb, var(--_accent) 16%, #fff);
    color: var(--_accent);
    font-weight: 700;
    font-size: 14px;
  }
  .avatar .dot {
    position: absolute;
    right: -1px;
    bottom: -1px;
    border: 2px solid var(--_surface);
    width: 13px;
    height: 13px;
  }
  .item-main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .item-top, .item-bottom {
    display: flex;
    align-items: baseline;
    gap: 8px;
  }
  .name {
    flex: 1;
    min-width: 0;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .item time {
    flex: none;
    font-size: 12px;
    color: var(--_muted);
  }
  .preview {
    flex: 1;
    min-width: 0;
    color: var(--_muted);
    font-size: 14px;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .unread .preview {
    color: var(--_fg);
    font-weight: 600;
  }
  .typing-hint, .unread .typing-hint {
    color: var(--_accent);
    font-style: italic;
    font-weight: 400;
  }
  .count {
    flex: none;
    min-width: 22px;
    padding: 1px 7px;
    border-radius: 11px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 12px;
    font-weight: 700;
    text-align: center;
  }
  .item-meta {
    font-size: 12px;
    color: var(--_muted);
  }
  .item.closed .name {
    color: var(--_muted);
  }
  .list-note {
    padding: 16px;
    margin: 0;
    color: var(--_muted);
    text-align: center;
  }
  .more {
    margin: 8px auto 12px;
  }
  .integrations-link {
    align-self: flex-start;
    margin: 10px 16px 0;
    font-size: 14px;
  }

  /* --- conversation --- */
  .conversation {
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    background: var(--_surface);
  }
  .empty-state {
    align-items: center;
    justify-content: center;
    text-align: center;
    padding: 24px;
    color: var(--_muted);
    background: var(--_bg);
  }
  .empty-state .hint {
    font-size: 13px;
  }
  .conv-header {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 10px 14px;
    padding: 12px 20px;
    border-bottom: 1px solid var(--_border);
  }
  .back {
    display: none;
    margin-left: -8px;
  }
  .who {
    flex: 1;
    min-width: 180px;
  }
  .who h2 {
    margin: 0;
    font-size: 18px;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    vertical-align: middle;
    padding: 1px 8px;
    border-radius: 10px;
    background: #dcf1e3;
    color: #0f5323;
    font-size: 12px;
    font-weight: 600;
  }
  .presence {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 0 6px;
    margin: 2px 0 0;
    font-size: 13px;
    color: var(--_muted);
  }
  .presence.on {
    color: var(--_online);
  }
  .presence .email {
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .actions-bar {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 8px;
  }
  .assign select {
    font-size: 14px;
    max-width: 240px;
  }
  .banner {
    margin: 0;
    padding: 8px 20px;
    font-size: 14px;
    background: #fff4d6;
    color: #4d3800;
  }
  .banner.error {
    background: #fde7e9;
    color: #8a1c1c;
  }
  .log {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    padding: 16px 20px;
    display: flex;
    flex-direction: column;
    gap: 6px;
    overscroll-behavior: contain;
    background: #f8f9fb;
  }
  .day {
    text-align: center;
    margin: 10px 0 4px;
    color: var(--_muted);
    font-size: 12px;
  }
  .day span {
    padding: 2px 10px;
    border-radius: 10px;
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .row {
    max-width: min(75%, 640px);
  }
  .bubble {
    padding: 9px 13px;
    border-radius: var(--_radius);
    border-bottom-left-radius: 4px;
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .mine .bubble {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    border-bottom-left-radius: var(--_radius);
    border-bottom-right-radius: 4px;
  }
  .status.read {
    color: var(--_accent);
    font-weight: 600;
  }
  .status.failed {
    color: #b3261e;
    font-weight: 600;
  }
  .deleted {
    opacity: 0.75;
  }
  .system {
    align-self: center;
    margin: 6px 0;
    color: var(--_muted);
    font-size: 13px;
    text-align: center;
  }
  .row-actions button, .older {
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_surface);
    padding: 2px 10px;
    margin: 2px;
    font-size: 13px;
  }
  .older {
    align-self: center;
  }
  .typing {
    min-height: 22px;
    padding: 2px 20px 0;
    font-size: 13px;
    color: var(--_accent);
    font-style: italic;
    background: #f8f9fb;
  }
  .closed-note {
    margin: 0;
    padding: 8px 20px;
    font-size: 13px;
    color: var(--_muted);
    background: #f8f9fb;
    border-top: 1px dashed var(--_border);
  }
  .composer {
    display: flex;
    gap: 10px;
    align-items: flex-end;
    padding: 12px 16px;
    border-top: 1px solid var(--_border);
    background: var(--_surface);
  }
  .composer textarea {
    min-height: 48px;
    max-height: 160px;
    padding: 10px 12px;
    background: var(--_surface);
  }
  .send {
    flex: none;
    width: 46px;
    height: 46px;
  }

  /* --- narrow: one column at a time --- */
  @container (max-width: 760px) {
    .app {
      grid-template-columns: minmax(0, 1fr);
    }
    .app.has-selection .sidebar, .app:not(.has-selection) .conversation {
      display: none;
    }
    .sidebar {
      border-right: none;
    }
    .back {
      display: grid;
    }
    .conv-header {
      padding: 10px 12px;
    }
    .actions-bar {
      width: 100%;
    }
    .assign {
      flex: 1;
      min-width: 0;
    }
    .assign select {
      width: 100%;
      max-width: none;
    }
    .log {
      padding: 12px;
    }
    .row {
      max-width: 88%;
    }
    .composer {
      padding: 10px;
    }
  }

  /* Consultations: the header action and the console's foot of the card. */
  .log .card {
    width: min(380px, 100%);
  }
  .schedule {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .schedule svg {
    width: 18px;
    height: 18px;
    color: var(--_accent);
  }
  /* On a phone the header keeps the icon; the label stays for screen readers. */
  @container (max-width: 480px) {
    .schedule span {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  }
  .consult-controls {
    margin-top: 6px;
    padding-top: 10px;
    border-top: 1px solid var(--_border);
    font-size: 13px;
  }
  .invites-title {
    margin: 0 0 4px;
    font-weight: 600;
    color: var(--_muted);
  }
  .invites {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .invite {
    display: flex;
    gap: 6px;
    padding: 2px 0;
  }
  .invitee {
    flex: 0 0 7.5em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: var(--_muted);
  }
  .invite .state::before {
    content: '';
    display: inline-block;
    width: 8px;
    height: 8px;
    margin-right: 6px;
    border-radius: 50%;
    background: #8c959f;
  }
  .invite.sent .state::before {
    background: #1a7f37;
  }
  .invite.captured .state::before {
    background: #2a4fa8;
  }
  .invite.pending .state::before {
    background: #b07d00;
  }
  .invite.failed .state {
    color: #a12a1f;
  }
  .invite.failed .state::before {
    background: #a12a1f;
  }
  .consult-actions {
    display: flex;
    gap: 8px;
    margin-top: 10px;
  }
  .consult-actions button {
    padding: 6px 14px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
    font-size: 14px;
    font-weight: 600;
  }
  .consult-actions .cancel {
    color: #a12a1f;
  }
`;
