// Show a field only while the answer it depends on applies: data-shown-when="field=value".
(function () {
  "use strict";
  document.querySelectorAll("[data-shown-when]").forEach(function (part) {
    var rule = part.dataset.shownWhen.split("=");
    var source = document.querySelector("[name=" + rule[0] + "]");
    if (!source) { return; }
    function update() { part.hidden = source.value !== rule[1]; }
    source.addEventListener("change", update);
    update();
  });
})();
