import {css} from 'lit';

/** The scheduling dialog's look; the console's --_ colours reach it through the shadow boundary. */
export const styles = css`
  dialog {
    width: min(460px, calc(100vw - 24px));
    max-height: calc(100dvh - 24px);
    padding: 0;
    border: 0;
    border-radius: 14px;
    background: var(--_surface, #fff);
    color: var(--_fg, #1b1f24);
    box-shadow: 0 18px 48px #0f1a2a4d;
  }
  dialog::backdrop {
    background: #0f1a2a8c;
  }
  form {
    display: flex;
    flex-direction: column;
    gap: 14px;
    padding: 22px 24px 20px;
  }
  h2 {
    margin: 0;
    font-size: 19px;
  }
  p {
    margin: 0;
  }
  .intro, .hint {
    color: var(--_muted, #5b6470);
    font-size: 14px;
  }
  .row {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 12px;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .field label, legend {
    font-size: 13px;
    font-weight: 600;
  }
  input, select {
    font: inherit;
    font-weight: 400;
    color: inherit;
    padding: 8px 10px;
    border: 1px solid #8c959f;
    border-radius: 8px;
    background: var(--_surface, #fff);
  }
  [aria-invalid='true'] {
    border-color: #b3261e;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    margin-bottom: 6px;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 4px 0;
  }
  .summary {
    padding: 12px 14px;
    border-radius: 10px;
    background: var(--_bg, #eef1f5);
  }
  .error {
    padding: 10px 12px;
    border-radius: 8px;
    background: #fbe4e2;
    color: #8c1d13;
    font-size: 14px;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px;
    margin-top: 4px;
  }
  button {
    font: inherit;
    font-weight: 600;
    padding: 9px 16px;
    border-radius: 8px;
    border: 1px solid var(--_border, #d9dee5);
    background: var(--_surface, #fff);
    color: inherit;
    cursor: pointer;
  }
  button.primary {
    border-color: var(--_accent, #1f4e79);
    background: var(--_accent, #1f4e79);
    color: var(--_on-accent, #fff);
  }
  button.danger {
    border-color: #a12a1f;
    background: #a12a1f;
    color: #fff;
  }
  button:disabled {
    opacity: .6;
    cursor: progress;
  }
  :focus-visible {
    outline: 3px solid var(--consult-focus, #0b5cad);
    outline-offset: 2px;
  }
  @media (max-width: 420px) {
    .row {
      grid-template-columns: 1fr;
    }
  }
  .intro.warn {
    padding: 8px 10px;
    border-radius: 6px;
    background: #fff8c5;
    border: 1px solid #d4a72c;
  }
`;
