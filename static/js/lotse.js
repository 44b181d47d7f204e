// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // GOV.UK pattern: move focus to the error summary so that screen reader
  // users hear what went wrong first.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});

// Show a block only while a radio button has a given value, e.g. the contact
// fields of the portal form while "Yes, contact me" is chosen. Without
// JavaScript every block stays visible.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-show-when]").forEach((block) => {
    const [name, value] = block.dataset.showWhen.split("=");
    const form = block.closest("form");
    const update = () => {
      const checked = form.querySelector(`input[name="${name}"]:checked`);
      block.hidden = !checked || checked.value !== value;
    };
    form.addEventListener("change", update);
    update();
  });
});
