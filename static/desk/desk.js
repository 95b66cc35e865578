// The desk's keyboard: Ctrl+Enter saves a statement; Alt+↑/↓ and dragging reorder statements.
// htmx does the requests; this file only adds keys and drag-and-drop, and the CSRF header.
(function () {
  "use strict";

  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("meta[name=csrf-token]");
    if (token) event.detail.headers["X-CSRFToken"] = token.content;
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var form = event.target.closest && event.target.closest("form.quick");
      if (form) {
        event.preventDefault();
        form.requestSubmit();
      }
      return;
    }
    if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      var row = event.target.closest && event.target.closest(".statement-row[data-move-url]");
      if (!row) return;
      event.preventDefault();
      var button = row.querySelector(event.key === "ArrowUp" ? ".move-up" : ".move-down");
      if (button) {
        var id = row.id;
        button.click();
        document.addEventListener("htmx:afterSettle", function refocus() {
          var moved = document.getElementById(id);
          if (moved) moved.focus();
          document.removeEventListener("htmx:afterSettle", refocus);
        });
      }
    }
  });

  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    dragged = event.target.closest && event.target.closest(".statement-row[data-move-url]");
    if (dragged) event.dataTransfer.effectAllowed = "move";
  });
  document.addEventListener("dragover", function (event) {
    var row = event.target.closest && event.target.closest(".statement-row[data-move-url]");
    if (dragged && row && row.parentNode === dragged.parentNode) event.preventDefault();
  });
  document.addEventListener("drop", function (event) {
    var row = event.target.closest && event.target.closest(".statement-row[data-move-url]");
    if (!dragged || !row || row === dragged || row.parentNode !== dragged.parentNode) return;
    event.preventDefault();
    var list = row.parentNode;
    htmx.ajax("POST", dragged.dataset.moveUrl, {
      source: dragged,
      target: "#" + list.id,
      swap: "outerHTML",
      values: { position: row.dataset.position, base_version: dragged.dataset.version },
    });
    dragged = null;
  });
})();
