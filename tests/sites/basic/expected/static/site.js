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

  /* A compact list (the default, as a wire reads) or cards, remembered across pages. */
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
    show(store.get("digestgen-view") === "cards" ? "cards" : "list");
    tools.hidden = false;
  });

  /* Filter chips: show only the stories tagged with one term of another taxonomy (a topic, on a leader
     page). A term over several pages ships its whole list as a script (data-rows), so a chip filters
     every page of it; on one page the cards there are the whole list. */
  document.querySelectorAll("[data-chips]").forEach(function (box) {
    var field = box.dataset.chips;
    var chips = Array.prototype.slice.call(box.querySelectorAll("[data-chip]"));
    var list = document.querySelector("[data-cards]");
    var pager = document.querySelector(".pager");
    var cards = Array.prototype.slice.call(document.querySelectorAll("[data-cards] > *"));
    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) { e.className = cls; }
      if (text) { e.textContent = text; }
      return e;
    }
    function undated() {  // in the site's language (_strings.html), else English
      var node = document.getElementById("ui-strings");
      try { return (node && JSON.parse(node.textContent).undated) || "Undated"; } catch (e) { return "Undated"; }
    }
    function row(r) {
      var card = el("article", "card"), h = el("h2", "card-title"), a = el("a", "", r[1]), meta = el("p", "meta");
      a.href = box.dataset.root + r[0];
      h.appendChild(a);
      card.appendChild(h);
      meta.appendChild(el("span", r[2] ? "" : "undated", r[2] || undated()));
      if (r[3]) { meta.appendChild(el("span", "sep", " · ")); meta.appendChild(el("span", "source", r[3])); }
      card.appendChild(meta);
      return card;
    }
    function whole(then) {
      var name = box.dataset.rowsName, have = window.digestRows && window.digestRows[name];
      if (have) { return then(have); }
      var s = document.createElement("script");
      s.src = box.dataset.rows;
      s.onload = function () { then(window.digestRows[name]); };
      document.head.appendChild(s);
    }
    function show(slug) {
      if (!box.dataset.rows || !list) {
        cards.forEach(function (card) {
          var tags = (card.dataset[field] || "").split(" ");
          card.hidden = slug !== "" && card.classList.contains("card") && tags.indexOf(slug) < 0;
        });
        return;
      }
      if (slug === "") {
        list.replaceChildren.apply(list, cards);
        if (pager) { pager.hidden = false; }
        return;
      }
      whole(function (rows) {
        var kept = rows.filter(function (r) { return (r[4][field] || []).indexOf(slug) >= 0; });
        list.replaceChildren.apply(list, kept.map(row));
        if (pager) { pager.hidden = true; }
      });
    }
    chips.forEach(function (chip) {
      chip.addEventListener("click", function () { show(chip.dataset.chip); press(chips, chip); });
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
        var by = b.dataset.sort;
        function text(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
        items.slice().sort(function (x, y) {
          var byName = text(x.dataset.name, y.dataset.name);
          if (by === "name") { return byName; }
          if (by === "country") { return text(x.dataset.country || "\uffff", y.dataset.country || "\uffff") || byName; }
          if (by === "seen") { return text(y.dataset.seen || "", x.dataset.seen || "") || byName; }  /* newest first */
          return +y.dataset.count - +x.dataset.count || byName;
        }).forEach(function (item) { list.appendChild(item); });
        press(buttons, b);
      });
    });
    tools.hidden = false;
  });
})();
