// Under every text area with a length limit, count the characters typed against that limit.
(function () {
  "use strict";
  document.querySelectorAll("textarea[maxlength]").forEach(function (area) {
    var limit = Number(area.getAttribute("maxlength"));
    var counter = document.createElement("div");
    counter.className = "form-text text-end char-count";
    counter.id = area.id + "-count";
    area.setAttribute("aria-describedby", ((area.getAttribute("aria-describedby") || "") + " " + counter.id).trim());
    area.insertAdjacentElement("afterend", counter);
    function update() {
      counter.textContent = area.value.length + " / " + limit;
      counter.classList.toggle("text-danger", area.value.length >= limit * 0.9);
    }
    area.addEventListener("input", update);
    update();
  });
})();
