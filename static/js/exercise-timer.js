// Hold/relax timer for contraction and breathing exercises: counts down each phase, set by set.
(function () {
  "use strict";
  var panel = document.getElementById("exercise-timer");
  if (!panel) { return; }
  var title = panel.querySelector("[data-timer-title]");
  var phase = panel.querySelector("[data-timer-phase]");
  var seconds = panel.querySelector("[data-timer-seconds]");
  var count = panel.querySelector("[data-timer-count]");
  var picture = panel.querySelector("[data-timer-picture]");
  var pace = panel.querySelector("[data-timer-pace]");
  var paceWord = panel.querySelector("[data-timer-pace-word]");
  var labels = panel.dataset;
  var timer = null;
  var wakeLock = null;

  function steps(config) {
    var hold = config.mode === "breathe" ? labels.labelBreatheIn : labels.labelHold;
    var relax = config.mode === "breathe" ? labels.labelBreatheOut : labels.labelRelax;
    var list = [{ label: labels.labelReady, seconds: 3, set: 1, rep: 1 }];
    for (var set = 1; set <= config.sets; set++) {
      for (var rep = 1; rep <= config.reps; rep++) {
        list.push({ label: hold, seconds: config.hold, set: set, rep: rep, kind: "hold" });
        list.push({ label: relax, seconds: config.relax, set: set, rep: rep, kind: "relax" });
      }
    }
    return list;
  }

  function describe(step, config) {
    return labels.labelCount.replace("{rep}", step.rep).replace("{reps}", config.reps)
      .replace("{set}", step.set).replace("{sets}", config.sets);
  }

  function stop(message) {
    window.clearInterval(timer);
    timer = null;
    panel.classList.remove("is-hold", "is-relax");
    pace.hidden = true;
    if (wakeLock) { wakeLock.release().catch(function () {}); wakeLock = null; }
    if (message) {
      phase.textContent = message;
      seconds.textContent = "";
      count.textContent = "";
    } else {
      panel.hidden = true;
    }
  }

  function start(button) {
    stop();
    var config = {
      title: button.dataset.title,
      hold: parseInt(button.dataset.hold, 10),
      relax: parseInt(button.dataset.relax, 10),
      reps: parseInt(button.dataset.reps, 10) || 1,
      sets: parseInt(button.dataset.sets, 10) || 1,
      mode: button.dataset.mode
    };
    var list = steps(config);
    var index = 0;
    var left = list[0].seconds;
    title.textContent = config.title;
    picture.hidden = !button.dataset.picture;
    if (button.dataset.picture) {
      picture.src = button.dataset.picture;
      picture.alt = button.dataset.alt || "";
    }
    pace.hidden = config.mode !== "breathe";
    panel.hidden = false;
    panel.scrollIntoView({ behavior: "smooth", block: "start" });
    if (navigator.wakeLock) {
      navigator.wakeLock.request("screen").then(function (lock) { wakeLock = lock; }).catch(function () {});
    }

    function show() {
      var step = list[index];
      phase.textContent = step.label;
      seconds.textContent = left;
      count.textContent = index === 0 ? "" : describe(step, config);
      // The shape's growing or shrinking lasts the whole phase (static/css/clinic.css, .pace-cue).
      pace.style.setProperty("--pace-seconds", step.seconds + "s");
      paceWord.textContent = step.label;
      panel.classList.toggle("is-hold", step.kind === "hold");
      panel.classList.toggle("is-relax", step.kind === "relax");
    }

    show();
    timer = window.setInterval(function () {
      left -= 1;
      if (left > 0) { seconds.textContent = left; return; }
      index += 1;
      if (index >= list.length) { stop(labels.labelFinished); return; }
      left = list[index].seconds;
      if (navigator.vibrate) { navigator.vibrate(150); }
      show();
    }, 1000);
  }

  document.querySelectorAll("[data-timer-start]").forEach(function (button) {
    button.addEventListener("click", function () { start(button); });
  });
  panel.querySelector("[data-timer-stop]").addEventListener("click", function () { stop(); });
})();
