// Progressive enhancement only: every page works without this file.
// Sort and page-size menus apply as soon as they change, so their "Apply" button is hidden.
document.documentElement.classList.add("js");
document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-autosubmit]");
  if (select && select.form) {
    select.form.requestSubmit();
  }
});
