// Parts of <consult-chat> used only after the visitor engages (uploads, booking…) are separate
// classic scripts, loaded on demand from the origin the tag's script came from: the tag stays
// small, and a host page's CSP needs no new source. A part shares this bundle's Lit (through
// one global, so templates and elements come from a single copy) and defines one element.
import {LitElement, css, html, nothing, svg} from 'lit';

/** The global a part's bundle reads Lit from (rollup `globals` for the `lit` import). */
export const LIT_GLOBAL = '__consultLit';
/** What a part may import from 'lit': the main bundle carries these anyway. */
const lit = {LitElement, css, html, nothing, svg};

const loading = new Map<string, Promise<void>>();

/**
 * Resolves once `tag` is defined, loading `<origin>/consult-chat-<name>.js` the first time.
 * Already defined (a page or a test imported the part's module) means nothing is fetched.
 * A failed load is forgotten, so a later call tries again.
 */
export function loadPart(name: string, tag: string, origin: string): Promise<void> {
  if (customElements.get(tag)) return Promise.resolve();
  const g = globalThis as Record<string, unknown>;
  g[LIT_GLOBAL] ??= lit;
  let pending = loading.get(name);
  if (!pending) {
    pending = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = `${origin}/consult-chat-${name}.js`;
      script.async = true;
      script.onload = () => void customElements.whenDefined(tag).then(() => resolve());
      script.onerror = () => {
        loading.delete(name);
        script.remove();
        reject(new Error(`could not load ${script.src}`));
      };
      document.head.append(script);
    });
    loading.set(name, pending);
  }
  return pending;
}
