// vendor/lit.js: the one copy of lit that the client and every runtime-loaded plugin UI module share.
// index.html's import map sends "lit", "lit/decorators.js" and the listed directives here, so a plugin
// written as `import { LitElement, html } from 'lit'` needs no bundler and no copy of its own.
export * from 'lit';
export * from 'lit/decorators.js';
export * from 'lit/directives/class-map.js';
export * from 'lit/directives/repeat.js';
export * from 'lit/directives/if-defined.js';
export * from 'lit/directives/live.js';
export * from 'lit/directives/ref.js';
export * from 'lit/directives/style-map.js';
