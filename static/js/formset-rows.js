// "Add a question": a new empty row of a Django formset, cloned from its empty form.
document.querySelectorAll("[data-formset-add]").forEach((button) => {
  const form = button.closest("form");
  const rows = form.querySelector("[data-formset-rows]");
  const empty = form.querySelector("template[data-formset-empty]");
  const total = form.querySelector('input[name$="-TOTAL_FORMS"]');
  const max = form.querySelector('input[name$="-MAX_NUM_FORMS"]');
  button.hidden = false;
  button.addEventListener("click", () => {
    const index = Number(total.value);
    if (max && index >= Number(max.value)) return;
    const html = empty.innerHTML.replaceAll("__prefix__", String(index));
    rows.insertAdjacentHTML("beforeend", html);
    const row = rows.lastElementChild;
    row.querySelector("[data-formset-number]").textContent = String(index + 1);
    total.value = String(index + 1);
    row.querySelector("input, textarea")?.focus();
  });
});
