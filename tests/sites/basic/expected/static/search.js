// Client-side search over window.DIGEST_SEARCH (loaded from search-index.js, so it works from file:// too).
(function () {
  "use strict";
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var entries = window.DIGEST_SEARCH || [];
  var root = document.querySelector('script[src$="search-index.js"]').getAttribute("src").replace(/search-index\.js$/, "");

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var haystacks = entries.map(function (e) {
    return {title: fold(e.t), rest: fold([e.s, e.l.join(" "), e.o.join(" "), e.src].join(" "))};
  });

  function score(i, words) {
    var h = haystacks[i], total = 0;
    for (var w = 0; w < words.length; w++) {
      var inTitle = h.title.indexOf(words[w]) !== -1;
      if (!inTitle && h.rest.indexOf(words[w]) === -1) return 0;
      total += inTitle ? 3 : 1;
    }
    return total;
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  function render(query) {
    list.textContent = "";
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) { status.textContent = entries.length + " articles to search."; return; }
    var hits = [];
    for (var i = 0; i < entries.length; i++) {
      var s = score(i, words);
      if (s) hits.push([s, i]);
    }
    hits.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    status.textContent = hits.length === 1 ? "1 article found." : hits.length + " articles found.";
    hits.slice(0, 100).forEach(function (hit) {
      var e = entries[hit[1]], li = el("li"), a = el("a", e.t);
      a.href = root + e.p;
      li.appendChild(a);
      var meta = [e.d, e.src].filter(Boolean).join(" · ");
      if (meta) li.appendChild(el("p", meta, "meta"));
      li.appendChild(el("p", e.s));
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) input.value = params.get("q");
  input.addEventListener("input", function () { render(input.value); });
  input.form.addEventListener("submit", function (ev) { ev.preventDefault(); render(input.value); });
  render(input.value);
})();
