/**
 * The styles of what the entry renders before the UI loads: the toggle button and the
 * empty panel frame. The host is reset to initial values, so page styles that inherit
 * (font, colour, line height) do not leak in through the shadow boundary.
 *
 * @example
 * ```ts
 * adoptStyles(shadowRoot, SHELL_CSS)
 * ```
 */
export const SHELL_CSS = `
:host{all:initial}
*{box-sizing:border-box}
[hidden]{display:none!important}
.toggle{position:fixed;z-index:2147483646;display:flex;align-items:center;gap:6px;padding:6px 10px;
border:1px solid #3b4252;border-radius:16px;background:#1e222a;color:#e5e9f0;cursor:pointer;
font:600 12px/1 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.3)}
.toggle:focus-visible{outline:2px solid #88c0d0;outline-offset:2px}
.dot{width:8px;height:8px;border-radius:50%;background:#7b8394}
[data-status=connected] .dot{background:#a3be8c}
[data-status=connecting] .dot,[data-status=reconnecting] .dot{background:#ebcb8b}
[data-status=disconnected] .dot{background:#bf616a}
.bottom-right{right:12px;bottom:12px}.bottom-left{left:12px;bottom:12px}
.top-right{right:12px;top:12px}.top-left{left:12px;top:12px}
.frame{position:fixed;z-index:2147483647;left:0;right:0;height:min(460px,55vh);display:flex;overflow:hidden;
flex-direction:column;background:#1e222a;color:#e5e9f0;font:12px/1.4 system-ui,sans-serif;
border-top:1px solid #3b4252;box-shadow:0 -4px 16px rgba(0,0,0,.35)}
.frame.at-bottom{bottom:0}.frame.at-top{top:0;border-top:0;border-bottom:1px solid #3b4252}
.frame.inline{position:relative;height:100%;min-height:320px;box-shadow:none;border:1px solid #3b4252}
.loading{padding:12px;color:#a0a8b7}
`

/**
 * Adds a style sheet to a shadow root: a constructed sheet where supported (no inline
 * `<style>`, so a strict `style-src` CSP is fine), a `<style>` element otherwise.
 *
 * @example
 * ```ts
 * adoptStyles(root, '.row{color:red}')
 * ```
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function') {
    try {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync(css)
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
      return
    } catch {
      // Older engines without constructable sheets fall through to <style>.
    }
  }
  const style = document.createElement('style')
  style.textContent = css
  root.append(style)
}
