// Moderation lists: a "select all" box for the bulk actions. Everything works
// without it (each row has its own labelled checkbox); this saves the clicks.
(function () {
  "use strict";
  document.querySelectorAll("input[data-select-all]").forEach(function (all) {
    var form = all.form;
    var boxes = form.querySelectorAll("input[type=checkbox][name=" + all.dataset.selectAll + "]");
    all.hidden = false;
    all.addEventListener("change", function () {
      boxes.forEach(function (b) { b.checked = all.checked; });
    });
  });
})();
