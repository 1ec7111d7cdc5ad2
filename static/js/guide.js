// The guide's results page: a "Print this list" button (without JavaScript the browser's own print works).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
