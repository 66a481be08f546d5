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
  /* --- search --- */
  .search {
    display: flex;
    align-items: center;
    gap: 4px;
    padding: 10px 16px 0;
  }
  .search-field {
    flex: 1;
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 0 10px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    background: var(--_surface);
  }
  .search-field:focus-within {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .search-field svg {
    flex: none;
    width: 18px;
    height: 18px;
    fill: var(--_muted);
  }
  .search-field input {
    flex: 1;
    min-width: 0;
    padding: 8px 0;
    border: none;
    background: none;
    font: inherit;
    color: inherit;
    outline: none;
  }
  .search-field input::-webkit-search-cancel-button {
    display: none;
  }
  .clear-search {
    font-size: 20px;
    line-height: 1;
  }
  .search-results {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    margin-top: 10px;
    border-top: 1px solid var(--_border);
  }
  .search-status {
    padding: 10px 16px;
    font-size: 13px;
    text-align: left;
  }
  .search-status.error {
    color: #a12a1f;
  }
  .results {
    flex: 1 1 auto;
    min-height: 0;
    overflow-y: auto;
    list-style: none;
    margin: 0;
    padding: 0 6px 6px;
  }
  .hit {
    display: flex;
    flex-direction: column;
    gap: 2px;
    width: 100%;
    padding: 10px;
    border: none;
    border-radius: 10px;
    background: none;
    color: inherit;
    font: inherit;
    text-align: left;
    cursor: pointer;
  }
  .hit:hover {
    background: #f3f5f8;
  }
  .hit:focus-visible {
    outline-offset: -3px;
  }
  .hit-top {
    display: flex;
    align-items: baseline;
    gap: 8px;
    width: 100%;
  }
  .hit time, .hit-field {
    flex: none;
    font-size: 12px;
    color: var(--_muted);
  }
  .hit-field.note {
    color: #7a4d00;
  }
  .hit-text {
    font-size: 14px;
    color: var(--_fg);
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  mark {
    background: #ffe58a;
    color: inherit;
    border-radius: 2px;
    padding: 0 1px;
  }
  .row.found .bubble {
    outline: 3px solid #f0b400;
    outline-offset: 2px;
  }
  .consent-ok {
    color: #17663a;
  }
  .consent-none {
    color: #8a5a00;
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
    max-height: calc(6lh + 22px);
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

  /* --- the working day: tools, notes, visitor panel, toasts, saved replies --- */
  .tools {
    display: flex;
    gap: 8px;
    padding: 0 16px 10px;
  }
  .tools button[aria-pressed='true'] {
    background: #e8eef6;
    border-color: var(--_accent);
  }
  .row.note .bubble {
    background: #fff4d6;
    color: #3d2c00;
    border: 1px dashed #b7791f;
  }
  .row.note .author {
    color: #7a4d00;
    font-weight: 600;
  }
  .msg-actions {
    visibility: hidden;
  }
  .row:hover .msg-actions, .row:focus-within .msg-actions {
    visibility: visible;
  }
  .app.has-visitor {
    grid-template-columns: minmax(300px, 360px) minmax(0, 1fr) 300px;
  }
  .visitor {
    display: flex;
    flex-direction: column;
    min-height: 0;
    overflow-y: auto;
    padding: 14px 18px;
    background: var(--_surface);
    border-left: 1px solid var(--_border);
    font-size: 14px;
  }
  .visitor-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  .visitor h2 {
    margin: 0;
    font-size: 16px;
  }
  .visitor h3 {
    margin: 16px 0 6px;
    font-size: 13px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--_muted);
  }
  .visitor dl {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    gap: 6px 12px;
    margin: 12px 0 0;
  }
  .visitor dt {
    color: var(--_muted);
  }
  .visitor dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .visitor a {
    color: var(--_accent);
  }
  .visitor .url {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    word-break: break-all;
  }
  .past {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .past li {
    display: flex;
    flex-direction: column;
    padding: 6px 0;
    border-bottom: 1px solid var(--_border);
  }
  .past small {
    color: var(--_muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .past .link {
    align-self: flex-start;
    padding: 0;
    text-align: left;
  }
  .close-visitor {
    border: none;
  }
  @container (max-width: 1099px) {
    .app.has-visitor {
      grid-template-columns: minmax(300px, 360px) minmax(0, 1fr);
    }
    .visitor {
      position: fixed;
      inset: 0 0 0 auto;
      width: min(340px, 100%);
      z-index: 5;
      box-shadow: -8px 0 24px rgb(0 0 0 / 0.16);
    }
  }
  @container (max-width: 760px) {
    .app.has-visitor {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .toasts {
    position: fixed;
    right: 16px;
    bottom: 16px;
    display: flex;
    flex-direction: column;
    gap: 8px;
    width: min(340px, calc(100% - 32px));
    z-index: 10;
  }
  .toast {
    display: flex;
    align-items: flex-start;
    background: #1b1f24;
    color: #fff;
    border-radius: 10px;
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.25);
  }
  .toast button {
    border: none;
    background: none;
    color: inherit;
  }
  .toast-main {
    flex: 1;
    display: flex;
    flex-direction: column;
    gap: 2px;
    min-width: 0;
    padding: 10px 12px;
    text-align: left;
  }
  .toast-main span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: #d0d7de;
  }
  .toast .icon {
    padding: 8px 12px;
    font-size: 18px;
  }
  dialog.replies {
    width: min(560px, calc(100% - 24px));
    max-height: calc(100% - 48px);
    border: 1px solid var(--_border);
    border-radius: 12px;
    padding: 20px 22px;
    color: var(--_fg);
    background: var(--_surface);
  }
  dialog.replies::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  dialog.replies h2 {
    margin: 0 0 4px;
    font-size: 18px;
  }
  .reply-list {
    margin: 12px 0;
    padding: 0;
    list-style: none;
  }
  .reply-list li {
    display: flex;
    align-items: flex-start;
    gap: 10px;
    padding: 8px 0;
    border-bottom: 1px solid var(--_border);
  }
  .reply-text {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 2px 8px;
  }
  .reply-text span {
    flex-basis: 100%;
    color: var(--_muted);
    white-space: pre-wrap;
  }
  .reply-form {
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .reply-form label {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 14px;
  }
  .reply-form .check {
    flex-direction: row;
    align-items: center;
  }
  .reply-form input:not([type='checkbox']), .reply-form textarea {
    padding: 8px 10px;
    border: 1px solid #8c959f;
    border-radius: 8px;
  }
  .dialog-actions {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
  }
  @container (max-width: 760px) {
    .toasts {
      bottom: 104px; /* above the reply box and its send button */
    }
    }
  }
  .settings-screen {
    display: block;
    height: 100%;
  }
  .conv-header .consent {
    margin: 2px 0 0;
    font-size: 12px;
    color: var(--_muted);
  }
  .conv-header .unverified {
    color: #9a6700;
  }
  .ghost.danger {
    color: #a12a1f;
  }
`;
