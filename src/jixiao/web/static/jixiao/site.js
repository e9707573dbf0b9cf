/* Behaviour every page shares, without inline script (the Content-Security-Policy allows none):
   a <select data-autosubmit> submits its form when changed; a button with data-confirm asks first. */
(function () {
  "use strict";
  document.addEventListener("change", function (ev) {
    var target = ev.target;
    if (target.matches && target.matches("select[data-autosubmit]") && target.form) target.form.submit();
  });
  document.addEventListener("click", function (ev) {
    var button = ev.target.closest ? ev.target.closest("[data-confirm]") : null;
    if (button && !window.confirm(button.getAttribute("data-confirm"))) ev.preventDefault();
  });
})();
