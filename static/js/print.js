// Printing without inline scripts (strict CSP): buttons marked data-print open the print dialog,
// and a page whose body is marked data-autoprint opens it once loaded.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  if (document.body.dataset.autoprint !== undefined) {
    window.addEventListener("load", function () { window.print(); });
  }
})();
