// "Find your campus": filters a letter's groups as you type. The search form
// works without this script; this only saves the round trip.
(function () {
  "use strict";
  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var list = document.querySelector(input.dataset.filter);
    var empty = document.querySelector(input.dataset.empty);
    if (!list) return;
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-search]"));
    function apply() {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (li) {
        var match = !q || li.dataset.search.indexOf(q) !== -1;
        li.hidden = !match;
        if (match) shown += 1;
      });
      if (empty) empty.hidden = shown > 0;
    }
    input.addEventListener("input", apply);
    apply();
  });
})();
