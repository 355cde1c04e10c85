/* digestgen: small enhancements that work from file:// and on any server; the pages work without them. */
(function () {
  "use strict";
  var store = {
    get: function (key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } },
    set: function (key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  };

  function press(buttons, chosen) {
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", b === chosen ? "true" : "false"); });
  }

  /* Cards or a compact list, remembered across pages. */
  document.querySelectorAll("[data-list-tools]").forEach(function (tools) {
    var cards = document.querySelector("[data-cards]");
    if (!cards) { return; }
    var buttons = Array.prototype.slice.call(tools.querySelectorAll("[data-view]"));
    function show(view) {
      cards.classList.toggle("as-list", view === "list");
      press(buttons, buttons.filter(function (b) { return b.dataset.view === view; })[0]);
    }
    buttons.forEach(function (b) {
      b.addEventListener("click", function () { show(b.dataset.view); store.set("digestgen-view", b.dataset.view); });
    });
    show(store.get("digestgen-view") === "list" ? "list" : "cards");
    tools.hidden = false;
  });

  /* Filter chips: show only the cards tagged with one term of another taxonomy (a topic, on a leader page). */
  document.querySelectorAll("[data-chips]").forEach(function (box) {
    var field = box.dataset.chips;
    var chips = Array.prototype.slice.call(box.querySelectorAll("[data-chip]"));
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-cards] .card"));
    chips.forEach(function (chip) {
      chip.addEventListener("click", function () {
        var slug = chip.dataset.chip;
        cards.forEach(function (card) {
          var tags = (card.dataset[field] || "").split(" ");
          card.hidden = slug !== "" && tags.indexOf(slug) < 0;
        });
        press(chips, chip);
      });
    });
    box.hidden = false;
  });

  /* Sort the lists of terms (all leaders, all topics, ...) by article count or by name. */
  document.querySelectorAll("[data-sort-tools]").forEach(function (tools) {
    var list = document.querySelector("[data-sortable]");
    if (!list) { return; }
    var buttons = Array.prototype.slice.call(tools.querySelectorAll("[data-sort]"));
    var items = Array.prototype.slice.call(list.children);
    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        var byName = b.dataset.sort === "name";
        items.slice().sort(function (x, y) {
          var nx = x.dataset.name, ny = y.dataset.name, cx = +x.dataset.count, cy = +y.dataset.count;
          if (byName) { return nx < ny ? -1 : nx > ny ? 1 : 0; }
          return cy - cx || (nx < ny ? -1 : nx > ny ? 1 : 0);
        }).forEach(function (item) { list.appendChild(item); });
        press(buttons, b);
      });
    });
    tools.hidden = false;
  });
})();
