/* Small interactions (#17 item 6). Every page works without this file; with it, forms marked with
   hx-post answer in place (htmx, served from static/vendor). After such an answer the keyboard focus
   goes back to the control that was used, so a keyboard or screen-reader user does not lose their
   place; the answer's message reaches the page's live region (#live-region). */
function focusAfterSwap() {
  var target = document.querySelector("[data-focus-after-swap]");
  if (target) {
    target.removeAttribute("data-focus-after-swap");
    target.focus();
  }
}
// htmx:load fires on the new content itself (an outerHTML swap removes the element it replaced).
document.addEventListener("htmx:load", focusAfterSwap);
document.addEventListener("htmx:afterSettle", focusAfterSwap);
