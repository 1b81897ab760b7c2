/* Small interactions (#17 item 6, #29). Every page works without this file; with it, forms marked with
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

document.addEventListener("DOMContentLoaded", function () {
  // A refused form: the error summary has autofocus; where a browser did not honour it, focus it here.
  var summary = document.querySelector("[data-error-summary]");
  if (summary && (document.activeElement === document.body || document.activeElement === null)) {
    summary.focus();
  }
  // The header's menu folds behind a button on a narrow screen; without this script it stays open.
  var toggle = document.querySelector("[data-menu-toggle]");
  var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (toggle && menu) {
    document.documentElement.classList.add("menu-folds");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.remove("is-open");
        toggle.focus();
      }
    });
  }
  // A table wider than the screen scrolls inside its own box, which the keyboard can reach and which
  // is named after the table's caption (WCAG 1.4.10 reflow, 2.1.1 keyboard).
  var labelled = 0;
  document.querySelectorAll("main table").forEach(function (table) {
    if (table.parentElement.classList.contains("table-scroll")) return;
    var box = document.createElement("div");
    box.className = "hds-table-container table-scroll";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
  });
  function markScrolling() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      var table = box.querySelector("table");
      if (box.scrollWidth > box.clientWidth + 1) {
        var caption = table.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        if (caption) {
          if (!caption.id) caption.id = "table-caption-" + (++labelled);
          box.setAttribute("aria-labelledby", caption.id);
        } else {
          box.setAttribute("aria-label", document.documentElement.getAttribute("data-table-label") || "Table");
        }
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-labelledby");
        box.removeAttribute("aria-label");
      }
    });
  }
  markScrolling();
  window.addEventListener("resize", markScrolling);

  // A link to a folded form (a reminder's "#sign") opens it (#29 item 6).
  function openTarget() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      var summary = target.querySelector("summary");
      if (summary) summary.focus();  // the keyboard and the screen reader start at the form
      target.scrollIntoView();
    }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);
});
