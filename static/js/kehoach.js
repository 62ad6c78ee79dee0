// Small behaviours every page may use, bound here rather than in inline handlers
// (the Content-Security-Policy allows no inline event handler).
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-action=print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});
