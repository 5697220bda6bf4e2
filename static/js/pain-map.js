// Make the regions of a pain map's drawing choosable by tap, click or keyboard; they tick the list's boxes.
(function () {
  "use strict";
  var SHADES = [];
  for (var score = 0; score <= 10; score += 1) { SHADES.push("pain-i" + score); }

  document.querySelectorAll("[data-pain-map]").forEach(function (map) {
    var noPain = map.querySelector("[name=no_pain]");
    map.classList.add("is-drawn");
    map.querySelectorAll("[data-pain-region]").forEach(function (shape) {
      var code = shape.dataset.painRegion;
      var box = map.querySelector("[name=region_" + code + "]");
      var intensity = map.querySelector("[name=intensity_" + code + "]");
      var row = map.querySelector("[data-region-row=" + code + "]");
      if (!box || !intensity || !row) { return; }
      shape.setAttribute("role", "checkbox");
      shape.setAttribute("tabindex", "0");

      function update() {
        shape.setAttribute("aria-checked", box.checked ? "true" : "false");
        row.hidden = !box.checked && !row.hasAttribute("data-has-errors");
        shape.classList.remove.apply(shape.classList, SHADES);
        if (box.checked && intensity.value !== "") { shape.classList.add("pain-i" + intensity.value); }
      }
      function toggle() {
        box.checked = !box.checked;
        if (box.checked && noPain) { noPain.checked = false; }
        update();
      }
      shape.addEventListener("click", toggle);
      shape.addEventListener("keydown", function (event) {
        if (event.key === " " || event.key === "Enter") {
          event.preventDefault();
          toggle();
        }
      });
      box.addEventListener("change", update);
      intensity.addEventListener("change", update);
      update();
    });
  });
})();
