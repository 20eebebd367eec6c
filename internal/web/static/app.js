// Heard works without JavaScript; this file only makes it easier to use.

// On a small screen the menu folds behind a "Menu" button, so the page
// itself starts on the first screen. Without this script the menu is
// simply shown, compactly.
(function () {
  var menu = document.getElementById("site-menu");
  if (!menu) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "menu-toggle";
  button.textContent = menu.getAttribute("data-menu-label");
  button.setAttribute("aria-controls", "site-menu");
  button.setAttribute("aria-expanded", "false");
  menu.parentNode.insertBefore(button, menu);
  document.documentElement.classList.add("js-menu");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("open", open);
  });
})();

// A confirmation after a save takes the focus, so a screen reader says it
// and the eye finds it where the thing saved is.
// After the browser has scrolled to the section saved, not before: it
// would take the focus back to the page.
// A form that comes back with problems puts its list of them in focus,
// each a link to its field.
window.addEventListener("load", function () {
  var saved = document.querySelector("[data-confirm]") || document.querySelector("[data-errors]");
  if (saved) setTimeout(function () { saved.focus(); }, 0);
});
