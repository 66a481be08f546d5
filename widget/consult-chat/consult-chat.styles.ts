import {css} from 'lit';

export const styles = css`
  :host {
    --consult-accent: #1f4e79;
    position: fixed;
    bottom: 20px;
    right: 20px;
    z-index: var(--consult-z-index, 2147483000);
  }
  .launcher {
    width: 56px;
    height: 56px;
    border-radius: 50%;
    border: none;
    background: var(--consult-accent);
    color: #fff;
    font-size: 24px;
    cursor: pointer;
  }
`;
