// Ask for the cause of a leak only once a leak is chosen; without a leak the question is hidden.
(function () {
  "use strict";
  var cause = document.querySelector(".leak-cause");
  var answers = document.querySelectorAll("input[name=leakage]");
  if (!cause || !answers.length) { return; }
  function update() {
    var chosen = document.querySelector("input[name=leakage]:checked");
    cause.hidden = !chosen || chosen.value === "none";
  }
  answers.forEach(function (answer) { answer.addEventListener("change", update); });
  update();
})();
