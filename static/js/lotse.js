// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // GOV.UK pattern: move focus to the error summary so that screen reader
  // users hear what went wrong first.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
