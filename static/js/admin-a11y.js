/* What the Django admin leaves unnamed, named for assistive technology (WCAG 4.1.2, #17 item 3):
   - a field in a tabular inline has its label only as the column header: it gets that as its name;
   - a split date/time field's parts get the field's label (or legend) with "date" / "time";
   - an autocomplete (select2) box gets the label of the select it stands for;
   - the filter widget's help icon, a span with a label, becomes an image with that label;
   - a header cell with no text (a tabular inline's "original" column, a list's select-all column)
     becomes a data cell: an empty header names nothing (axe empty-table-header, #29 item 7).
   It runs when the page loads and again when an inline row or a select2 box is added. */
(function () {
  "use strict";

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function labelFor(id) {
    return id ? document.querySelector('label[for="' + CSS.escape(id) + '"]') : null;
  }

  function nameTabularFields(root) {
    root.querySelectorAll(".tabular table").forEach(function (table) {
      var headers = Array.prototype.map.call(table.querySelectorAll("thead th, thead td"), text);
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (field) {
            if (field.getAttribute("aria-label") || labelFor(field.id)) return;
            var name = headers[index] || field.name;
            if (field.type === "checkbox" && cell.classList.contains("delete")) name = headers[headers.length - 1] || name;
            field.setAttribute("aria-label", name);
          });
        });
      });
    });
  }

  function nameSplitFields(root) {
    root.querySelectorAll("input[id$='_0'], input[id$='_1']").forEach(function (field) {
      if (field.getAttribute("aria-label") || labelFor(field.id)) return;
      var fieldset = field.closest("fieldset");
      var row = field.closest(".form-row");
      var label =
        labelFor(field.id.slice(0, -2)) ||
        (fieldset && fieldset.querySelector("legend")) ||
        (row && row.querySelector("label:not([for])"));
      if (!label) return;
      var part = field.id.endsWith("_0") ? document.documentElement.lang === "sv" ? "datum" : document.documentElement.lang === "en" ? "date" : "päivä"
        : document.documentElement.lang === "sv" ? "tid" : document.documentElement.lang === "en" ? "time" : "kellonaika";
      field.setAttribute("aria-label", text(label).replace(/:$/, "") + " (" + part + ")");
    });
  }

  function nameComboboxes(root) {
    root.querySelectorAll(".select2-selection[role=combobox]").forEach(function (box) {
      if (box.getAttribute("aria-label")) return;
      var container = box.closest(".select2-container");
      var select = container && container.previousElementSibling;
      if (!select || select.tagName !== "SELECT") return;
      var name = text(labelFor(select.id)) || select.getAttribute("aria-label") || select.name;
      box.setAttribute("aria-label", name.replace(/:$/, ""));
      var shown = box.querySelector(".select2-selection__rendered[role=textbox]");
      if (shown && !shown.getAttribute("aria-label")) shown.setAttribute("aria-label", name.replace(/:$/, ""));
    });
  }

  function fixHelpIcons(root) {
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function emptyHeadersToCells(root) {
    root.querySelectorAll("th").forEach(function (header) {
      if (text(header) !== "") return;
      var cell = document.createElement("td");
      Array.prototype.forEach.call(header.attributes, function (attribute) {
        if (attribute.name !== "scope") cell.setAttribute(attribute.name, attribute.value);
      });
      while (header.firstChild) cell.appendChild(header.firstChild);
      header.parentNode.replaceChild(cell, header);
    });
  }

  function fix() {
    nameTabularFields(document);
    nameSplitFields(document);
    nameComboboxes(document);
    fixHelpIcons(document);
    emptyHeadersToCells(document);
  }

  document.addEventListener("DOMContentLoaded", function () {
    fix();
    new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  });
  window.addEventListener("load", fix);
})();
