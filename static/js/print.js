// Open the print dialog once the page marked data-autoprint has loaded (no inline script under a strict CSP).
document.addEventListener("DOMContentLoaded", () => {
  if (document.body.dataset.autoprint !== undefined) {
    window.print();
  }
});
