import {css} from 'lit';

export const settingsStyles = css`
  :host { display: block; height: 100%; overflow: auto; font: inherit; color: var(--consult-text, #1f2328); background: var(--consult-background, #f6f7f9); }
  .settings { max-width: 860px; margin: 0 auto; padding: 16px 20px 48px; box-sizing: border-box; }
  .top { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; }
  h1, h2 { margin: 0; font-size: 20px; }
  main { display: block; }
  h3 { font-size: 15px; margin: 16px 0 6px; }
  .panel-title { font-size: 18px; margin: 0 0 12px; }
  .tabs { display: flex; gap: 4px; overflow-x: auto; margin: 14px 0; border-bottom: 1px solid var(--consult-border, #d0d7de); scrollbar-width: thin; }
  .tab { border: none; background: none; padding: 8px 12px; font: inherit; font-size: 14px; color: var(--consult-muted, #57606a); cursor: pointer; white-space: nowrap; border-bottom: 2px solid transparent; }
  .tab[aria-current='page'] { color: var(--consult-text, #1f2328); border-bottom-color: var(--consult-accent, #1f4e79); font-weight: 600; }
  .panel { background: var(--consult-surface, #fff); border: 1px solid var(--consult-border, #d0d7de); border-radius: 10px; padding: 18px; }
  form { display: flex; flex-direction: column; gap: 14px; }
  label { display: flex; flex-direction: column; gap: 4px; font-size: 14px; font-weight: 500; }
  label.check { flex-direction: row; align-items: center; gap: 8px; font-weight: 400; }
  /* A long label wraps; the box keeps its size. */
  label.check input { flex: none; }
  input, select, textarea { font: inherit; font-size: 15px; padding: 7px 9px; border: 1px solid #8c959f; border-radius: 6px; background: #fff; color: inherit; min-width: 0; }
  input[type='checkbox'] { width: 18px; height: 18px; }
  textarea { resize: vertical; }
  small, .hint { color: var(--consult-muted, #57606a); font-size: 13px; font-weight: 400; margin: 0; }
  fieldset { border: 1px solid var(--consult-border, #d0d7de); border-radius: 8px; padding: 12px 14px; display: flex; flex-direction: column; gap: 12px; margin: 0; }
  legend { font-weight: 600; padding: 0 4px; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; }
  .field-error { color: #b42318; font-size: 13px; font-weight: 500; }
  .form-end { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
  .notice { font-size: 14px; color: var(--consult-muted, #57606a); }
  button { font: inherit; font-size: 14px; border-radius: 6px; cursor: pointer; padding: 8px 14px; }
  button.primary { background: var(--consult-accent, #1f4e79); color: var(--consult-on-accent, #fff); border: 1px solid transparent; }
  button.ghost { background: transparent; border: 1px solid var(--consult-border, #d0d7de); color: inherit; }
  button.small { padding: 5px 10px; font-size: 13px; }
  button.danger { color: #b42318; border-color: #f1aeb5; }
  button:disabled { opacity: .6; cursor: default; }
  button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 2px solid var(--consult-focus, #0969da); outline-offset: 1px; }
  .logo-row { display: flex; align-items: center; gap: 14px; flex-wrap: wrap; }
  .logo { width: 56px; height: 56px; object-fit: contain; border: 1px solid var(--consult-border, #d0d7de); border-radius: 8px; background: #fff; }
  .accent-row { display: flex; gap: 8px; align-items: center; }
  .swatch { width: 32px; height: 32px; border-radius: 6px; border: 1px solid var(--consult-border, #d0d7de); flex: none; }
  pre { background: #f6f8fa; border: 1px solid var(--consult-border, #d0d7de); border-radius: 6px; padding: 10px; overflow-x: auto; font-size: 13px; margin: 0 0 6px; white-space: pre; }
  .copy-block { margin-top: 16px; }
  .secret { margin-top: 18px; padding-top: 12px; border-top: 1px solid var(--consult-border, #d0d7de); }
  .secret h3 { margin-top: 0; }
  .new-secret { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 10px; display: flex; flex-direction: column; gap: 6px; }
  .new-secret p { margin: 0; }
  .new-secret code { word-break: break-all; }
  table { width: 100%; border-collapse: collapse; font-size: 14px; }
  th { text-align: left; font-weight: 600; color: var(--consult-muted, #57606a); padding: 6px 8px; border-bottom: 1px solid var(--consult-border, #d0d7de); }
  td { padding: 6px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
  td.mail { word-break: break-all; }
  .audit td:first-child { white-space: nowrap; }
  .audit ul { margin: 4px 0 0; padding-left: 18px; color: var(--consult-muted, #57606a); word-break: break-word; }
  .invite { margin-top: 18px; padding-top: 14px; border-top: 1px solid var(--consult-border, #d0d7de); display: grid; grid-template-columns: 1fr 1fr 160px; gap: 12px; align-items: start; }
  .invite .form-end { grid-column: 1 / -1; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  @media (max-width: 640px) {
    .settings { padding: 12px 10px 40px; }
    .panel { padding: 12px; }
    .invite { grid-template-columns: 1fr; }
    .audit td:first-child { white-space: normal; }
    table.team thead { display: none; }
    table.team tr { display: grid; grid-template-columns: 1fr auto; gap: 4px 8px; padding: 8px 0; border-bottom: 1px solid #eaeef2; }
    table.team td { border: none; padding: 0; }
    .spans thead { display: none; }
    .spans tr.span-row { display: grid; grid-template-columns: 1fr 1fr auto; gap: 6px; padding: 8px 0; border-bottom: 1px solid #eaeef2; }
    .spans tr.span-row td { border: none; padding: 0; }
    .spans tr.span-row td:first-child { grid-column: 1 / -1; }
    .spans select, .spans input { width: 100%; box-sizing: border-box; }
  }
`;
