package org.plenum.it.support.browser;

/**
 * JavaScript the page audits share, put in front of their own script: {@code all} (every element of the document and
 * of every shadow root, in document order), {@code roots} (the document and every shadow root) and {@code name(e)}
 * (how a report names an element: its component, tag, {@code data-testid}, classes and up to 40 characters of text).
 */
final class PageScript {

    static final String ELEMENTS = """
            const roots = [document];
            const all = [];
            const walk = root => root.querySelectorAll('*').forEach(e => { all.push(e); if (e.shadowRoot) { roots.push(e.shadowRoot); walk(e.shadowRoot); } });
            walk(document);
            const name = e => {
              if (!e) return '(nothing)';
              const host = e.getRootNode().host;
              const id = e.dataset && e.dataset.testid ? '[data-testid=' + e.dataset.testid + ']' : '';
              const cls = typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '';
              const text = (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
              return (host ? host.localName + ' >> ' : '') + e.localName + id + cls + (text ? ' "' + text + '"' : '');
            };
            """;

    private PageScript() {
    }
}
