// Styles every component shares: focus ring, buttons, form fields, visually hidden text, reduced motion.
import { css } from 'lit';

export const baseStyles = css`
  :host { box-sizing: border-box; }
  *, *::before, *::after { box-sizing: inherit; }
  :focus-visible { outline: 3px solid var(--pl-focus); outline-offset: 2px; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
    clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  h1, h2, h3 { line-height: 1.25; margin: 0 0 0.75rem; }
  h1 { font-size: 1.75rem; }
  h2 { font-size: 1.35rem; }
  h3 { font-size: 1.1rem; }
  button, .button {
    font: inherit; cursor: pointer; border-radius: var(--pl-radius); padding: 0.5rem 1rem; min-height: 2.75rem;
    border: 2px solid var(--pl-primary); background: var(--pl-primary); color: var(--pl-primary-fg); text-decoration: none;
    display: inline-flex; align-items: center; gap: 0.4rem;
  }
  button.secondary, .button.secondary { background: transparent; color: var(--pl-primary); }
  button.danger { background: var(--pl-danger); border-color: var(--pl-danger); color: var(--pl-danger-fg, #fff); }
  button:disabled { opacity: 0.6; cursor: not-allowed; }
  label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
  input, select, textarea {
    font: inherit; color: inherit; background: var(--pl-bg); border: 2px solid var(--pl-border); border-radius: var(--pl-radius);
    padding: 0.45rem 0.6rem; min-height: 2.75rem; width: 100%; max-width: 32rem;
  }
  input[type='checkbox'], input[type='radio'] { width: 1.25rem; height: 1.25rem; min-height: 0; margin: 0 0.5rem 0 0; vertical-align: middle; }
  .check { display: flex; align-items: center; font-weight: normal; margin: 0.5rem 0; }
  .error { color: var(--pl-danger); font-weight: 600; }
  .muted { color: var(--pl-muted); }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  @media (prefers-reduced-motion: reduce) {
    *, *::before, *::after { animation: none !important; transition: none !important; }
  }
`;
