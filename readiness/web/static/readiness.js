// readiness: only enhances. Every form works without it.
(function () {
  "use strict";
  // Put the keyboard and screen reader on the question (or the page's heading) after a reply.
  var target = document.getElementById("question") || document.querySelector("h1[tabindex]");
  if (target && document.querySelector(".chat")) { target.focus({ preventScroll: false }); }
  // A form is sent once: a double tap must not answer the next question too.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "1";
  });
})();
